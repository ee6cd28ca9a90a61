//! The OSC 52 clipboard sequence: copying text through the terminal, so it works over SSH. The
//! event loop writes the sequence; this builds it from text that was already sanitized.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Most bytes of text copied (terminals cap OSC 52 payloads; xterm at about 100 kB).
pub const MAX_COPY_BYTES: usize = 64 * 1024;

/// The escape sequence that puts `text` on the system clipboard, and whether the text was cut
/// to [`MAX_COPY_BYTES`]. The text travels base64-encoded, so nothing in it can act as an
/// escape sequence.
#[must_use]
pub fn osc52(text: &str) -> (String, bool) {
    let mut end = text.len().min(MAX_COPY_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let payload = STANDARD.encode(&text.as_bytes()[..end]);
    (format!("\x1b]52;c;{payload}\x1b\\"), end < text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_base64_inside_the_sequence() {
        let (seq, cut) = osc52("Call me Ishmael.");
        assert_eq!(seq, "\x1b]52;c;Q2FsbCBtZSBJc2htYWVsLg==\x1b\\");
        assert!(!cut);
        let (seq, _) = osc52("\x1b]0;evil\x07");
        assert_eq!(seq.matches('\x1b').count(), 2);
        assert!(!seq.contains('\x07'));
    }

    #[test]
    fn long_text_is_cut_at_a_char_boundary() {
        let long = "é".repeat(MAX_COPY_BYTES);
        let (seq, cut) = osc52(&long);
        assert!(cut);
        let payload = seq
            .trim_start_matches("\x1b]52;c;")
            .trim_end_matches("\x1b\\");
        let bytes = STANDARD.decode(payload).expect("test setup");
        assert_eq!(bytes.len(), MAX_COPY_BYTES);
        assert!(String::from_utf8(bytes).is_ok());
    }
}
