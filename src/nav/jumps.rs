//! The jump list: every jump records the place it left, `Ctrl-o` walks back, the forward key
//! walks forward again, and `''` returns to where the view was before the last jump.

use crate::layout::Pos;

/// Most places kept behind.
const CAP: usize = 100;

/// Places left by jumps, in text coordinates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JumpList {
    back: Vec<Pos>,
    forward: Vec<Pos>,
    previous: Option<Pos>,
}

impl JumpList {
    /// A jump from `from` to `to`: remember `from` (a jump to the same place is none). A new
    /// jump drops the forward history, as in vim and browsers.
    pub fn record(&mut self, from: Pos, to: Pos) {
        if from == to {
            return;
        }
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > CAP {
            self.back.remove(0);
        }
        self.forward.clear();
        self.previous = Some(from);
    }

    /// Walk back from `current`: the place to go to, if any.
    pub fn back(&mut self, current: Pos) -> Option<Pos> {
        let mut to = self.back.pop()?;
        // Standing on the newest entry already: step once more.
        if to == current {
            to = self.back.pop()?;
        }
        self.forward.push(current);
        self.previous = Some(current);
        Some(to)
    }

    /// Walk forward from `current` (after walking back).
    pub fn forward(&mut self, current: Pos) -> Option<Pos> {
        let to = self.forward.pop()?;
        self.back.push(current);
        self.previous = Some(current);
        Some(to)
    }

    /// `''`: the place before the last jump, recording this one so that `''` again returns.
    pub fn swap(&mut self, current: Pos) -> Option<Pos> {
        let to = self.previous?;
        self.record(current, to);
        Some(to)
    }

    /// Places behind and ahead (for tests and the status bar).
    #[must_use]
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(block: usize) -> Pos {
        Pos::block_start(block)
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut j = JumpList::default();
        j.record(p(0), p(10));
        j.record(p(10), p(20));
        j.record(p(25), p(40));
        assert_eq!(j.back(p(40)), Some(p(25)));
        assert_eq!(j.back(p(25)), Some(p(10)));
        assert_eq!(j.back(p(10)), Some(p(0)));
        assert_eq!(j.back(p(0)), None);
        assert_eq!(j.forward(p(0)), Some(p(10)));
        assert_eq!(j.forward(p(10)), Some(p(25)));
        assert_eq!(j.forward(p(25)), Some(p(40)));
        assert_eq!(j.forward(p(40)), None);
    }

    #[test]
    fn a_new_jump_drops_the_forward_history() {
        let mut j = JumpList::default();
        j.record(p(0), p(10));
        j.record(p(10), p(20));
        assert_eq!(j.back(p(20)), Some(p(10)));
        j.record(p(10), p(50));
        assert_eq!(j.forward(p(50)), None);
        assert_eq!(j.depth(), (2, 0));
    }

    #[test]
    fn quote_quote_toggles_between_two_places() {
        let mut j = JumpList::default();
        assert_eq!(j.swap(p(3)), None);
        j.record(p(3), p(90));
        assert_eq!(j.swap(p(90)), Some(p(3)));
        assert_eq!(j.swap(p(3)), Some(p(90)));
        j.record(p(90), p(90));
        assert_eq!(j.swap(p(90)), Some(p(3)));
    }

    #[test]
    fn the_list_is_bounded() {
        let mut j = JumpList::default();
        for i in 0..500 {
            j.record(p(i), p(i + 1));
        }
        assert_eq!(j.depth().0, CAP);
    }
}
