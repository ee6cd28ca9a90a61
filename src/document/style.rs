//! Inline styles: the flags of a run of text, its colours from the input, and the styled runs
//! of a block (byte ranges kept in 32 bits).

use std::ops::Range;

/// Inline style flags of a run of text (a small bit set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Inline(pub u16);

impl Inline {
    /// No styling.
    pub const PLAIN: Self = Self(0);
    /// `*emphasis*`
    pub const EMPHASIS: Self = Self(1);
    /// `**strong**`
    pub const STRONG: Self = Self(2);
    /// `` `code` ``
    pub const CODE: Self = Self(4);
    /// Link text.
    pub const LINK: Self = Self(8);
    /// `~~strikethrough~~`
    pub const STRIKE: Self = Self(16);
    /// Secondary text: link targets, image markers, placeholders.
    pub const DIM: Self = Self(32);
    /// Underlined text (HTML `<u>`, ANSI SGR 4, overstrike `_\bc`).
    pub const UNDERLINE: Self = Self(64);
    /// Reversed colours (ANSI SGR 7).
    pub const REVERSE: Self = Self(128);
    /// Marked text (HTML `<mark>`).
    pub const MARK: Self = Self(256);
    /// Superscript (HTML `<sup>`, footnote markers).
    pub const SUPERSCRIPT: Self = Self(512);
    /// Subscript (HTML `<sub>`).
    pub const SUBSCRIPT: Self = Self(1024);
    /// Keyboard input (HTML `<kbd>`).
    pub const KBD: Self = Self(2048);

    /// True when every flag of `other` is set in `self`.
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union of two flag sets.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// A colour that came with the input (ANSI SGR colours): kept as the input named it, mapped to
/// the terminal by the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunColor {
    /// One of the 256 indexed colours (0–15 are the terminal's own palette).
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// A styled run: a byte range of [`Block::text`](super::Block::text) and its style.
///
/// The range is kept in 32 bits (a long log has a run per coloured line): an offset past
/// 4 GiB is clamped, which only a single block of that size could meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleRun {
    /// Start of the byte range into the block's text.
    pub(super) start: u32,
    /// End of the byte range (exclusive).
    pub(super) end: u32,
    /// The run's style flags.
    pub style: Inline,
    /// Foreground colour from the input, if any.
    pub fg: Option<RunColor>,
    /// Background colour from the input, if any.
    pub bg: Option<RunColor>,
}

/// A byte offset in 32 bits (clamped).
fn offset32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl StyleRun {
    /// A run with style flags and no colours.
    #[must_use]
    pub fn new(byte_range: Range<usize>, style: Inline) -> Self {
        Self {
            start: offset32(byte_range.start),
            end: offset32(byte_range.end),
            style,
            fg: None,
            bg: None,
        }
    }

    /// The same style over another byte range.
    #[must_use]
    pub fn with_range(&self, byte_range: Range<usize>) -> Self {
        Self {
            start: offset32(byte_range.start),
            end: offset32(byte_range.end),
            ..self.clone()
        }
    }

    /// The byte range of the block's text that the run styles.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Move the run to another byte range.
    pub fn set_range(&mut self, byte_range: Range<usize>) {
        self.start = offset32(byte_range.start);
        self.end = offset32(byte_range.end);
    }

    /// Move the run's end.
    pub fn set_end(&mut self, end: usize) {
        self.end = offset32(end);
    }
}
