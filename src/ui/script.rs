//! Superscript and subscript drawn raised or lowered: `<sup>`/`<sup>` text and footnote
//! references become Unicode superscript or subscript letters when every character of the run
//! has such a form (`x²`, `H₂O`, `¹`), cell for cell, so positions and widths do not change.

/// The superscript form of `c`, if Unicode has one that a terminal draws in one cell.
#[must_use]
pub fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'a' => 'ᵃ',
        'b' => 'ᵇ',
        'c' => 'ᶜ',
        'd' => 'ᵈ',
        'e' => 'ᵉ',
        'f' => 'ᶠ',
        'g' => 'ᵍ',
        'h' => 'ʰ',
        'i' => 'ⁱ',
        'j' => 'ʲ',
        'k' => 'ᵏ',
        'l' => 'ˡ',
        'm' => 'ᵐ',
        'n' => 'ⁿ',
        'o' => 'ᵒ',
        'p' => 'ᵖ',
        'r' => 'ʳ',
        's' => 'ˢ',
        't' => 'ᵗ',
        'u' => 'ᵘ',
        'v' => 'ᵛ',
        'w' => 'ʷ',
        'x' => 'ˣ',
        'y' => 'ʸ',
        'z' => 'ᶻ',
        _ => return None,
    })
}

/// The subscript form of `c`, if Unicode has one that a terminal draws in one cell.
#[must_use]
pub fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'h' => 'ₕ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'k' => 'ₖ',
        'l' => 'ₗ',
        'm' => 'ₘ',
        'n' => 'ₙ',
        'o' => 'ₒ',
        'p' => 'ₚ',
        'r' => 'ᵣ',
        's' => 'ₛ',
        't' => 'ₜ',
        'u' => 'ᵤ',
        'v' => 'ᵥ',
        'x' => 'ₓ',
        _ => return None,
    })
}

/// `text` raised (`up`) or lowered, when every character has the form; else `None` (the run
/// is drawn as it is: a half-raised word reads worse than a plain one).
#[must_use]
pub fn shifted(text: &str, up: bool) -> Option<String> {
    let form = if up { superscript } else { subscript };
    text.chars()
        .map(|c| if c == ' ' { Some(' ') } else { form(c) })
        .collect()
}

/// `piece` of `run` (whose text in the block is `run_text`) as drawn: raised or lowered when
/// the run is superscript or subscript and all of it has the forms.
#[must_use]
pub fn draw_form<'a>(
    piece: &'a str,
    run: &crate::document::StyleRun,
    run_text: &str,
) -> std::borrow::Cow<'a, str> {
    use crate::document::Inline;
    let up = run.style.contains(Inline::SUPERSCRIPT);
    if (up || run.style.contains(Inline::SUBSCRIPT)) && shifted(run_text, up).is_some() {
        if let Some(shifted) = shifted(piece, up) {
            return shifted.into();
        }
    }
    piece.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn digits_signs_and_letters_are_raised_or_lowered_cell_for_cell() {
        assert_eq!(shifted("2", true).as_deref(), Some("²"));
        assert_eq!(shifted("n+1", true).as_deref(), Some("ⁿ⁺¹"));
        assert_eq!(shifted("th", true).as_deref(), Some("ᵗʰ"));
        assert_eq!(shifted("2", false).as_deref(), Some("₂"));
        assert_eq!(shifted("(x)", false).as_deref(), Some("₍ₓ₎"));
        for text in ["0123456789+-=()", "abcdefghijklmnoprstuvwxyz"] {
            let up = shifted(text, true).expect("every character has a form");
            assert_eq!(up.width(), text.width(), "{up}");
        }
        let down = shifted("0123456789+-=()aehijklmnoprstuvx", false).expect("forms");
        assert_eq!(down.width(), 32, "{down}");
    }

    #[test]
    fn a_run_with_a_character_lacking_a_form_stays_as_it_is() {
        assert_eq!(shifted("q", true), None);
        assert_eq!(shifted("Note", true), None);
        assert_eq!(shifted("b", false), None);
        assert_eq!(shifted("†", true), None);
    }
}
