//! The help overlay's state: shown or not, and how far it is scrolled.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::geometry::help_area;

/// The help overlay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Shown.
    pub open: bool,
    /// First line shown.
    pub scroll: usize,
}

impl HelpOverlay {
    /// Open, close or scroll by a line or a page (the screen less two lines of context); false
    /// when `action` is not the help's.
    pub fn apply(&mut self, action: Action, screen: Rect) -> bool {
        let page = usize::from(screen.height.saturating_sub(4).max(1));
        match action {
            Action::Help => self.open = !self.open,
            Action::CloseHelp => *self = Self::default(),
            Action::HelpDown => self.scroll += 1,
            Action::HelpUp => self.scroll = self.scroll.saturating_sub(1),
            Action::HelpPageDown => self.scroll += page,
            Action::HelpPageUp => self.scroll = self.scroll.saturating_sub(page),
            _ => return false,
        }
        true
    }

    /// Keep the first line shown within the help's length on this screen (while it is open).
    pub fn clamp(&mut self, screen: Rect) {
        if !self.open {
            return;
        }
        let width = usize::from(help_area(screen, 0).0.width.saturating_sub(2));
        let lines = crate::help::lines(width).len();
        let rows = help_area(screen, lines).1;
        self.scroll = self.scroll.min(lines.saturating_sub(rows));
    }
}
