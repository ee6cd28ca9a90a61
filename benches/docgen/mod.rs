//! Deterministic plain-text documents for the benchmarks (shared by `core` and `pty`).

use std::path::PathBuf;

/// The word placed only in the last 0.5 % of paragraphs.
pub const NEEDLE: &str = "quixotism";

/// About 300 common words; none contains [`NEEDLE`].
const VOCAB: &str = "the of and to in is was that for on with as by at from his her they which \
    this be are were been have has had not but or an one all their there would what so if about \
    when who will more no out up into than them can only other new some could time these two may \
    then do first any my now such like our over man me even most made after also did many before \
    must through back years where much your way well down should because each just those people \
    how too little state good very make world still own see men work long get here between both \
    life being under never day same another know while last might us great old year off come \
    since against go came right used take three states himself few house use during without again \
    place american around however home small found thought went say part once general high upon \
    school every united left number course war until always away something fact though water less \
    public put think almost hand enough far took head yet government system better set told \
    nothing night end why called didn want eyes find going look asked later knew point next city \
    business give group toward young days let room president side social given present several \
    order national possible rather second face per among form important often things looked early \
    white case john become large need big four within felt along children saw best church ever \
    least power development light thing seemed family interest want members mind country area \
    others done turned although open problem sense service certain kind different thus began door \
    help means whole matter perhaps itself york times law human line above name example action \
    company hands local show whether five history gave today either act feet across taken past \
    quite anything seen having death experience body word half really week field car words already \
    themselves information tell together college shall money period held keep sure probably free \
    seems real behind cannot miss political air question making office brought whose special major \
    heard problems federal became study ago moment available known result street economic boy \
    position reason change south board individual job areas society west close turn love community \
    true court force full seem";

/// A generated document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The text, hard-wrapped at 72 columns, paragraphs separated by blank lines.
    pub text: String,
    /// The first three words, as they appear on the first line.
    pub first_words: String,
    /// How many times [`NEEDLE`] occurs.
    pub needle_count: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// A document of at least `size` bytes: paragraphs of 40–120 words in sentences of 6–20 words,
/// hard-wrapped at 72 columns; [`NEEDLE`] replaces a word in every fourth paragraph of the last
/// 0.5 % (at least one).
#[must_use]
pub fn generate(size: usize, seed: u64) -> Doc {
    let vocab: Vec<&str> = VOCAB.split_whitespace().collect();
    let mut rng = Lcg(seed);
    let mut paras: Vec<Vec<String>> = Vec::new();
    let mut total = 0usize;
    while total < size {
        let n = 40 + rng.below(81);
        let mut words = Vec::with_capacity(n);
        let mut left_in_sentence = 0;
        for i in 0..n {
            let w = vocab[rng.below(vocab.len())];
            let mut word = if left_in_sentence == 0 {
                left_in_sentence = 6 + rng.below(15);
                capitalize(w)
            } else {
                w.to_string()
            };
            left_in_sentence -= 1;
            if left_in_sentence == 0 || i + 1 == n {
                word.push('.');
                left_in_sentence = 0;
            } else if rng.below(12) == 0 {
                word.push(',');
            }
            total += word.len() + 1;
            words.push(word);
        }
        total += 1;
        paras.push(words);
    }
    let count = paras.len();
    let tail = (count / 200).max(1);
    let mut needle_count = 0;
    for (k, p) in paras[count - tail..].iter_mut().enumerate() {
        if k % 4 == 0 {
            let mid = p.len() / 2;
            p[mid] = NEEDLE.to_string();
            needle_count += 1;
        }
    }
    let first_words = paras[0][..3].join(" ");
    let mut text = String::with_capacity(total + total / 60);
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let mut col = 0;
        for w in p {
            if col > 0 && col + 1 + w.len() > 72 {
                text.push('\n');
                col = 0;
            }
            if col > 0 {
                text.push(' ');
                col += 1;
            }
            text.push_str(w);
            col += w.len();
        }
        text.push('\n');
    }
    Doc {
        text,
        first_words,
        needle_count,
        paragraphs: count,
    }
}

/// Write `doc` to `lectern-bench-NAME.txt` in the temp dir (unless it is already there, same
/// size) and return its path.
///
/// # Panics
/// When the file cannot be written.
#[must_use]
pub fn write_temp(name: &str, doc: &Doc) -> PathBuf {
    let path = std::env::temp_dir().join(format!("lectern-bench-{name}.txt"));
    let same = std::fs::read(&path).is_ok_and(|b| b == doc.text.as_bytes());
    if !same {
        std::fs::write(&path, &doc.text).expect("write the generated document");
    }
    path
}
