//! Where each panel goes: one pure function shared by rendering and by the app's updates.

use ratatui::layout::Rect;

/// Smallest terminal that shows the reader; below it a "too small" message is drawn.
pub const MIN_WIDTH: u16 = 20;
/// Smallest terminal height that shows the reader.
pub const MIN_HEIGHT: u16 = 5;
/// The article keeps at least this many columns: the side panel shrinks, then hides.
pub const ARTICLE_MIN_WIDTH: u16 = 50;
/// The side panel is never narrower than this (narrower, it hides).
pub const SIDE_MIN_WIDTH: u16 = 20;
/// The side panel is never wider than this.
pub const SIDE_MAX_WIDTH: u16 = 64;
/// Default (and initial) reading column width in columns.
pub const DEFAULT_COLUMN: usize = 80;

/// The rectangles of one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole terminal.
    pub screen: Rect,
    /// True when the terminal is below the minimum size.
    pub too_small: bool,
    /// The side panel (contents or terms), with its border, when shown.
    pub side: Option<Rect>,
    /// The article panel with its border.
    pub article: Rect,
    /// The text column inside the article panel.
    pub text: Rect,
    /// The scrollbar column at the article panel's right edge.
    pub scrollbar: Rect,
    /// The one-line status bar at the bottom.
    pub status: Rect,
}

/// What the mouse pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The side panel: the `row` counted inside its border, of `rows` it shows.
    Side {
        /// The row under the pointer (0: the first row inside the border).
        row: usize,
        /// The rows inside the border.
        rows: usize,
    },
    /// The article panel.
    Article,
}

impl Areas {
    /// What a pointer at `at` is over: the side panel, the article, or neither (`None`).
    #[must_use]
    pub fn hit(&self, at: ratatui::layout::Position) -> Option<Hit> {
        if let Some(r) = self.side.filter(|r| r.contains(at)) {
            let row = usize::from(at.y.saturating_sub(r.y + 1));
            let rows = usize::from(r.height.saturating_sub(2));
            return Some(Hit::Side { row, rows });
        }
        self.article.contains(at).then_some(Hit::Article)
    }
}

/// The user's layout preferences (from the config's `[reading]` and `[contents]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// The side panel goes right of the article.
    pub side_right: bool,
    /// The side panel's width in columns; 0: about a quarter of the screen.
    pub side_width: u16,
    /// Blank columns on each side of the text inside the article's border.
    pub margins: u16,
}

impl Prefs {
    /// The panel's side and width and the margins the config asks for.
    #[must_use]
    pub fn from_config(config: &crate::config::Config) -> Self {
        Self {
            side_right: config.contents.side == crate::config::Side::Right,
            side_width: config.contents.width,
            margins: config.reading.margins,
        }
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            side_right: false,
            side_width: 0,
            margins: 1,
        }
    }
}

/// Lay out the screen with the default preferences (see [`screen_areas_with`]).
#[must_use]
pub fn screen_areas(screen: Rect, side_wanted: bool, column: usize) -> Areas {
    screen_areas_with(screen, side_wanted, column, &Prefs::default())
}

/// Lay out the screen. `side_wanted` is the user's choice; the panel also needs room.
/// `column` is the preferred reading width in columns.
#[must_use]
pub fn screen_areas_with(screen: Rect, side_wanted: bool, column: usize, prefs: &Prefs) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            screen,
            too_small: true,
            ..Areas::default()
        };
    }
    let status = Rect::new(screen.x, screen.bottom() - 1, screen.width, 1);
    let body = Rect::new(screen.x, screen.y, screen.width, screen.height - 1);
    let side_width = match (side_wanted, prefs.side_width) {
        (false, _) => 0,
        (true, 0) => side_width(screen.width),
        (true, w) => {
            let w = w.min(screen.width.saturating_sub(ARTICLE_MIN_WIDTH));
            if w < SIDE_MIN_WIDTH { 0 } else { w }
        }
    };
    let (side_x, article_x) = if prefs.side_right {
        (body.right() - side_width, body.x)
    } else {
        (body.x, body.x + side_width)
    };
    let side = (side_width > 0).then(|| Rect::new(side_x, body.y, side_width, body.height));
    let article = Rect::new(article_x, body.y, body.width - side_width, body.height);
    // Inside the border: the margins on each side, the scrollbar on the right border.
    let margins = prefs.margins.min(article.width / 4);
    let inner_width = usize::from(article.width.saturating_sub(2 + 2 * margins));
    let text_width = inner_width.min(column.max(10)).max(1);
    let text_width_u16 = u16::try_from(text_width).unwrap_or(u16::MAX);
    let spare = u16::try_from(inner_width - text_width.min(inner_width)).unwrap_or(0);
    let text = Rect::new(
        article.x + 1 + margins + spare / 2,
        article.y + 1,
        text_width_u16,
        article.height.saturating_sub(2),
    );
    let scrollbar = Rect::new(
        article.right().saturating_sub(1),
        article.y + 1,
        1,
        article.height.saturating_sub(2),
    );
    Areas {
        screen,
        too_small: false,
        side,
        article,
        text,
        scrollbar,
        status,
    }
}

/// Widest the help overlay gets.
pub const HELP_MAX_WIDTH: u16 = 76;

/// The help overlay's box, centred on the screen, and the rows of text inside its border.
#[must_use]
pub fn help_area(screen: Rect, lines: usize) -> (Rect, usize) {
    let width = HELP_MAX_WIDTH.min(screen.width);
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(screen.height);
    let popup = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    (popup, usize::from(height.saturating_sub(2)))
}

/// The side panel's width on a terminal `width` columns wide: about a quarter, within
/// bounds, leaving the article at least [`ARTICLE_MIN_WIDTH`]; 0 when it does not fit.
#[must_use]
pub fn side_width(width: u16) -> u16 {
    let wanted = (width / 4).clamp(24, SIDE_MAX_WIDTH);
    let room = width.saturating_sub(ARTICLE_MIN_WIDTH);
    let w = wanted.min(room);
    if w < SIDE_MIN_WIDTH { 0 } else { w }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_panel_goes_right_with_its_width_and_margins_narrow_the_text() {
        let screen = Rect::new(0, 0, 120, 40);
        let prefs = Prefs {
            side_right: true,
            side_width: 30,
            margins: 5,
        };
        let a = screen_areas_with(screen, true, 200, &prefs);
        let side = a.side.expect("side panel");
        assert_eq!((side.x, side.width), (90, 30));
        assert_eq!((a.article.x, a.article.width), (0, 90));
        assert_eq!(a.text.x, 6);
        assert_eq!(a.text.width, 90 - 2 - 10);
        assert_eq!(
            screen_areas_with(screen, true, 80, &Prefs::default()),
            screen_areas(screen, true, 80)
        );
    }

    #[test]
    fn a_pointer_hits_the_side_rows_inside_the_border_the_article_or_nothing() {
        let a = screen_areas(Rect::new(0, 0, 120, 40), true, 80);
        let side = a.side.expect("side panel");
        let at = |x, y| a.hit(ratatui::layout::Position::new(x, y));
        assert_eq!(
            at(side.x + 2, side.y + 1),
            Some(Hit::Side { row: 0, rows: 37 })
        );
        assert_eq!(
            at(side.x + 2, side.y + 4),
            Some(Hit::Side { row: 3, rows: 37 })
        );
        assert_eq!(at(a.article.x + 5, 10), Some(Hit::Article));
        assert_eq!(at(5, a.status.y), None, "the status bar is neither panel");
        let hidden = screen_areas(Rect::new(0, 0, 120, 40), false, 80);
        assert_eq!(
            hidden.hit(ratatui::layout::Position::new(2, 3)),
            Some(Hit::Article)
        );
    }

    #[test]
    fn side_panel_hides_on_narrow_terminals() {
        let wide = screen_areas(Rect::new(0, 0, 120, 40), true, 80);
        assert!(wide.side.is_some());
        let narrow = screen_areas(Rect::new(0, 0, 40, 12), true, 80);
        assert!(narrow.side.is_none());
        assert_eq!(narrow.article.width, 40);
    }

    #[test]
    fn side_panel_grows_with_the_terminal_and_the_article_keeps_fifty_columns() {
        for w in 20..400 {
            let a = screen_areas(Rect::new(0, 0, w, 30), true, 80);
            assert!(a.article.width >= ARTICLE_MIN_WIDTH.min(w), "{w}: {a:?}");
        }
        assert_eq!(side_width(60), 0, "60 columns: the article keeps 50");
        assert_eq!(side_width(80), 24);
        assert_eq!(side_width(200), 50);
        assert_eq!(side_width(400), SIDE_MAX_WIDTH);
    }

    #[test]
    fn text_column_is_centred_and_capped() {
        let a = screen_areas(Rect::new(0, 0, 200, 50), false, 80);
        assert_eq!(a.text.width, 80);
        let left = a.text.x - a.article.x;
        let right = a.article.right() - a.text.right();
        assert!(left.abs_diff(right) <= 1);
    }

    #[test]
    fn tiny_terminals_are_too_small_and_never_panic() {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (3, 2),
            (10, 3),
            (1, 200),
            (19, 50),
            (500, 500),
        ] {
            let a = screen_areas(Rect::new(0, 0, w, h), true, 80);
            assert_eq!(a.too_small, w < MIN_WIDTH || h < MIN_HEIGHT);
        }
    }
}
