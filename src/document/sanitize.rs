//! Decoding bytes to text and sanitizing it: nothing from the input reaches the terminal raw.

/// Incremental lossy UTF-8 decoder (stub: replaced by the full implementation).
#[derive(Debug, Default)]
pub struct Decoder {
    carry: Vec<u8>,
    started: bool,
    invalid: bool,
}

impl Decoder {
    /// A decoder at the start of a stream.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Decode a chunk; an incomplete sequence at its end is kept for the next chunk.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.carry.extend_from_slice(bytes);
        let valid_up_to = match std::str::from_utf8(&self.carry) {
            Ok(_) => self.carry.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.carry.len(),
        };
        let rest = self.carry.split_off(valid_up_to);
        let chunk = std::mem::replace(&mut self.carry, rest);
        let mut text = String::from_utf8_lossy(&chunk).into_owned();
        if text.contains('\u{FFFD}') {
            self.invalid = true;
        }
        if !self.started && !text.is_empty() {
            self.started = true;
            if let Some(stripped) = text.strip_prefix('\u{FEFF}') {
                text = stripped.to_string();
            }
        }
        text
    }

    /// Decode whatever is left at the end of the stream.
    pub fn finish(&mut self) -> String {
        let chunk = std::mem::take(&mut self.carry);
        if !chunk.is_empty() {
            self.invalid = true;
        }
        String::from_utf8_lossy(&chunk).into_owned()
    }

    /// True once any invalid byte sequence was replaced by U+FFFD.
    #[must_use]
    pub fn had_invalid(&self) -> bool {
        self.invalid
    }
}

/// Sanitize one line (no `\n` or `\r` in it) into `out`: tabs expand, controls become placeholders.
pub fn sanitize_line(line: &str, out: &mut String) {
    for ch in line.chars() {
        if ch == '\t' {
            out.push_str("    ");
        } else if ch.is_control() {
            out.push('\u{FFFD}');
        } else {
            out.push(ch);
        }
    }
}

/// Sanitize a one-line string such as a file name or an error message: every control,
/// including newlines, becomes a visible placeholder.
#[must_use]
pub fn sanitize_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    sanitize_line(text, &mut out);
    out
}
