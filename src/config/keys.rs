//! Key names as people write them (`ctrl-f`, `shift-tab`, `f5`, `space`, `<`), parsed to
//! crossterm key codes and modifiers, and written back in one canonical form.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// One key with the modifiers held: what a binding in the config names.
///
/// Characters carry their case and no Shift (`G`, not `shift-g`); Ctrl and Alt letters are
/// lower case (`ctrl-f`), as terminals report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key code.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only with non-character keys).
    pub mods: KeyModifiers,
}

/// Named keys: every spelling accepted, the first one is the canonical name.
const NAMED: &[(&[&str], KeyCode)] = &[
    (&["space", "spc"], KeyCode::Char(' ')),
    (&["enter", "return", "ret", "cr"], KeyCode::Enter),
    (&["esc", "escape"], KeyCode::Esc),
    (&["tab"], KeyCode::Tab),
    (&["backtab"], KeyCode::BackTab),
    (&["backspace", "bs", "bksp"], KeyCode::Backspace),
    (&["delete", "del"], KeyCode::Delete),
    (&["insert", "ins"], KeyCode::Insert),
    (&["up"], KeyCode::Up),
    (&["down"], KeyCode::Down),
    (&["left"], KeyCode::Left),
    (&["right"], KeyCode::Right),
    (&["home"], KeyCode::Home),
    (&["end"], KeyCode::End),
    (
        &["pagedown", "pgdn", "page-down", "page_down", "pgdown"],
        KeyCode::PageDown,
    ),
    (&["pageup", "pgup", "page-up", "page_up"], KeyCode::PageUp),
    (&["minus"], KeyCode::Char('-')),
    (&["plus"], KeyCode::Char('+')),
    (&["lt", "less"], KeyCode::Char('<')),
    (&["gt", "greater"], KeyCode::Char('>')),
];

/// Modifier names and what they mean.
const MODIFIERS: &[(&[&str], KeyModifiers)] = &[
    (&["ctrl", "control", "c"], KeyModifiers::CONTROL),
    (
        &["alt", "meta", "opt", "option", "m", "a"],
        KeyModifiers::ALT,
    ),
    (&["shift", "s"], KeyModifiers::SHIFT),
];

/// Why a key name was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyNameError(pub String);

impl fmt::Display for KeyNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Split off a leading modifier (`ctrl-`, `C-`, `alt+`): the modifier and the rest.
fn strip_modifier(name: &str) -> Option<(KeyModifiers, &str)> {
    let sep = name.find(['-', '+'])?;
    // A lone separator or one at the end is the key itself (`-`, `ctrl--`).
    if sep == 0 || sep + 1 >= name.len() {
        return None;
    }
    let word = name[..sep].to_ascii_lowercase();
    MODIFIERS
        .iter()
        .find(|(names, _)| names.contains(&word.as_str()))
        .map(|(_, m)| (*m, &name[sep + 1..]))
}

/// The key code of a base name without modifiers.
fn base_code(name: &str) -> Result<KeyCode, KeyNameError> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err(KeyNameError("a control character is not a key name".into()))
        } else {
            Ok(KeyCode::Char(c))
        };
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, code)) = NAMED
        .iter()
        .find(|(names, _)| names.contains(&lower.as_str()))
    {
        return Ok(*code);
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        if (1..=24).contains(&n) {
            return Ok(KeyCode::F(n));
        }
    }
    Err(KeyNameError(format!(
        "unknown key name {name:?} (write keys as j, G, <, space, enter, esc, tab, up, pagedown, f5, ctrl-f, alt-x, shift-tab)"
    )))
}

impl KeyChord {
    /// A chord from a code and modifiers, in canonical form (see [`KeyChord`]).
    #[must_use]
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut code = code;
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if code == KeyCode::BackTab {
            mods |= KeyModifiers::SHIFT;
        }
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            code = KeyCode::BackTab;
        }
        if let KeyCode::Char(c) = code {
            if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            } else if mods.contains(KeyModifiers::SHIFT) {
                code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
            }
            mods.remove(KeyModifiers::SHIFT);
        }
        Self { code, mods }
    }

    /// Parse a key name: modifiers (`ctrl-`, `alt-`, `shift-`, also `C-`, `M-`, `+` as the
    /// separator) before a character (`f`, `G`, `<`, `?`) or a named key (`space`, `enter`,
    /// `esc`, `tab`, `backspace`, `up`, `pagedown`, `home`, `f1`–`f24`).
    ///
    /// # Errors
    /// A [`KeyNameError`] saying what is wrong when the name is not a key.
    pub fn parse(name: &str) -> Result<Self, KeyNameError> {
        let trimmed = if name == " " { name } else { name.trim() };
        if trimmed.is_empty() {
            return Err(KeyNameError("an empty key name".into()));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = trimmed;
        while let Some((m, after)) = strip_modifier(rest) {
            mods |= m;
            rest = after;
        }
        let code = base_code(rest)?;
        Ok(Self::new(code, mods))
    }

    /// The canonical name, which [`KeyChord::parse`] reads back to the same chord.
    #[must_use]
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::BackTab => "tab".to_string(),
            KeyCode::F(n) => format!("f{n}"),
            KeyCode::Char(c) => match NAMED.iter().find(|(_, code)| *code == self.code) {
                Some((names, _)) if c == ' ' => names[0].to_string(),
                _ => c.to_string(),
            },
            code => NAMED
                .iter()
                .find(|(_, c)| *c == code)
                .map_or_else(|| format!("{code:?}").to_lowercase(), |(n, _)| n[0].into()),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("shift-");
        }
        out.push_str(&base);
        out
    }

    /// Whether a key event from the terminal is this chord. Shift on a character is read from
    /// the character itself (`G`), since terminals differ in reporting it.
    #[must_use]
    pub fn matches(&self, code: KeyCode, mods: KeyModifiers) -> bool {
        *self == Self::new(code, mods)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(code: KeyCode, mods: KeyModifiers) -> KeyChord {
        KeyChord { code, mods }
    }

    #[test]
    fn names_people_write_parse_to_crossterm_keys() {
        let cases = [
            ("ctrl-f", chord(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            ("Ctrl+F", chord(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            ("C-f", chord(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            ("shift-tab", chord(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("backtab", chord(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("f5", chord(KeyCode::F(5), KeyModifiers::NONE)),
            ("F12", chord(KeyCode::F(12), KeyModifiers::NONE)),
            ("space", chord(KeyCode::Char(' '), KeyModifiers::NONE)),
            (" ", chord(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("<", chord(KeyCode::Char('<'), KeyModifiers::NONE)),
            ("-", chord(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("+", chord(KeyCode::Char('+'), KeyModifiers::NONE)),
            ("ctrl--", chord(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("G", chord(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("shift-g", chord(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("alt-x", chord(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("M-x", chord(KeyCode::Char('x'), KeyModifiers::ALT)),
            (
                "ctrl-alt-down",
                chord(KeyCode::Down, KeyModifiers::CONTROL | KeyModifiers::ALT),
            ),
            ("PgDn", chord(KeyCode::PageDown, KeyModifiers::NONE)),
            ("page_up", chord(KeyCode::PageUp, KeyModifiers::NONE)),
            ("Enter", chord(KeyCode::Enter, KeyModifiers::NONE)),
            ("esc", chord(KeyCode::Esc, KeyModifiers::NONE)),
            ("é", chord(KeyCode::Char('é'), KeyModifiers::NONE)),
        ];
        for (name, want) in cases {
            assert_eq!(KeyChord::parse(name), Ok(want), "{name}");
        }
    }

    #[test]
    fn bad_names_are_errors_that_say_what_to_write() {
        for name in [
            "", "ctrl-", "hyper-x", "f25", "f0", "pagedwn", "\u{1b}", "ctrl-foo",
        ] {
            let err = KeyChord::parse(name).expect_err(name);
            assert!(!err.0.is_empty());
        }
        let err = KeyChord::parse("pagedwn").expect_err("typo");
        assert!(err.0.contains("pagedown"), "{err}");
    }

    #[test]
    fn canonical_names_read_back_to_the_same_chord() {
        for name in [
            "j",
            "G",
            "<",
            "?",
            "space",
            "ctrl-f",
            "shift-tab",
            "f5",
            "alt-enter",
            "-",
            "ctrl--",
            "+",
            "pagedown",
            "home",
            "ctrl-alt-up",
            "shift-left",
        ] {
            let key = KeyChord::parse(name).expect(name);
            assert_eq!(
                KeyChord::parse(&key.name()),
                Ok(key),
                "{name} -> {}",
                key.name()
            );
        }
        assert_eq!(
            KeyChord::parse("Ctrl+F").map(|k| k.name()),
            Ok("ctrl-f".into())
        );
    }

    #[test]
    fn terminal_events_match_their_chords() {
        let big_g = KeyChord::parse("G").expect("G");
        assert!(big_g.matches(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert!(big_g.matches(KeyCode::Char('G'), KeyModifiers::NONE));
        let ctrl_f = KeyChord::parse("ctrl-f").expect("ctrl-f");
        assert!(ctrl_f.matches(KeyCode::Char('f'), KeyModifiers::CONTROL));
        assert!(!ctrl_f.matches(KeyCode::Char('f'), KeyModifiers::NONE));
        let back = KeyChord::parse("shift-tab").expect("shift-tab");
        assert!(back.matches(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert!(back.matches(KeyCode::BackTab, KeyModifiers::NONE));
    }
}
