//! Marks and the jump list acting on the view: `m` + letter, `'` + letter, `''`, `Ctrl-o` and
//! its forward key, and every jump that records the place it leaves.

use super::{Memory, Viewport};
use crate::document::Document;
use crate::layout::Pos;

/// What a pending letter key is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// `m`: set the mark.
    SetMark,
    /// `'`: go to the mark.
    GotoMark,
}

impl Memory {
    /// Move the view to `to`, recording the place left in the jump list.
    pub fn jump(&mut self, doc: &Document, viewport: &mut Viewport, to: Pos) {
        let from = viewport.top();
        viewport.jump(doc, to);
        self.jumps.record(from, viewport.top());
    }

    /// The letter `c` after `m` or `'`; the message to show.
    pub fn letter(
        &mut self,
        pending: Pending,
        c: char,
        doc: &Document,
        viewport: &mut Viewport,
    ) -> Option<String> {
        let top = viewport.top();
        match pending {
            Pending::SetMark if c.is_ascii_alphabetic() => {
                self.set_mark(c, doc, top);
                Some(format!("mark {c} set · '{c} returns here"))
            }
            Pending::SetMark => Some("marks are letters: a–z, A–Z".into()),
            Pending::GotoMark if c == '\'' || c == '`' => match self.jumps.swap(top) {
                Some(to) => {
                    viewport.jump(doc, to);
                    None
                }
                None => Some("no jump yet".into()),
            },
            Pending::GotoMark => {
                if let Some(to) = self.mark(c, doc) {
                    self.jump(doc, viewport, to);
                    return None;
                }
                let set = self.mark_letters();
                Some(if set.is_empty() {
                    format!("no mark {c} (m{c} sets it)")
                } else {
                    format!("no mark {c}; marks: {set}")
                })
            }
        }
    }

    /// `Ctrl-o` (`back`) and its forward key; the message when there is nowhere to go.
    pub fn walk_jumps(
        &mut self,
        back: bool,
        doc: &Document,
        viewport: &mut Viewport,
    ) -> Option<&'static str> {
        let top = viewport.top();
        let to = if back {
            self.jumps.back(top)
        } else {
            self.jumps.forward(top)
        };
        match to {
            Some(pos) => {
                viewport.jump(doc, pos);
                None
            }
            None if back => Some("no earlier place in the jump list"),
            None => Some("no later place in the jump list"),
        }
    }
}
