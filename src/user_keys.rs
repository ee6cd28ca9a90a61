//! The user's keys from the config (`[keys.article] "ctrl-f" = "page_down"`), laid over the
//! key table: keys added, rebound or unbound per context. Installed once at start; the lookup
//! and the help read them from there, so the help shows the user's keys.

use std::sync::OnceLock;

use ratatui::crossterm::event::KeyModifiers;

use crate::action::Action;
use crate::config::{ConfigError, KeyBinding, KeyDoc};
use crate::keymap::{BINDINGS, Context, Key, Trigger, key_name};

/// One of the user's bindings: in `context`, `key` does `action` (`None`: nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserKey {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does; `None` unbinds the key in this context.
    pub action: Option<Action>,
}

static INSTALLED: OnceLock<Vec<UserKey>> = OnceLock::new();

/// Install the user's keys for the rest of the process (the first call wins).
pub fn install(keys: Vec<UserKey>) {
    let _ = INSTALLED.set(keys);
}

/// The installed keys (none before [`install`]).
#[must_use]
pub fn installed() -> &'static [UserKey] {
    INSTALLED.get().map_or(&[], Vec::as_slice)
}

/// Every context, with its config name.
pub const CONTEXTS: &[(&str, Context)] = &[
    ("global", Context::Global),
    ("article", Context::Article),
    ("list", Context::List),
    ("contents", Context::Contents),
    ("filter", Context::Filter),
    ("prompt", Context::Prompt),
    ("help", Context::Help),
];

/// A context's config name.
#[must_use]
pub fn context_name(context: Context) -> &'static str {
    CONTEXTS
        .iter()
        .find(|(_, c)| *c == context)
        .map_or("global", |(n, _)| n)
}

/// An action's config name: `PageDown` is `page_down`.
#[must_use]
pub fn action_name(action: Action) -> String {
    let debug = format!("{action:?}");
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The action a config name stands for: any action of the key table.
#[must_use]
pub fn action_by_name(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .map(|b| b.action)
        .find(|a| action_name(*a) == name)
}

/// Whether a context (and an action in it) exists, for `Config::check_keys`.
#[must_use]
pub fn known(context: &str, action: Option<&str>) -> bool {
    CONTEXTS.iter().any(|(n, _)| *n == context)
        && action.is_none_or(|a| action_by_name(a).is_some())
}

/// The user's bindings from a checked config (see `Config::check_keys`).
#[must_use]
pub fn from_config(bindings: &[KeyBinding]) -> Vec<UserKey> {
    bindings
        .iter()
        .filter_map(|b| {
            let context = CONTEXTS.iter().find(|(n, _)| *n == b.context)?.1;
            let action = match &b.action {
                Some(name) => Some(action_by_name(name)?),
                None => None,
            };
            Some(UserKey {
                context,
                key: Key {
                    code: b.key.code,
                    mods: b.key.mods.difference(KeyModifiers::SHIFT),
                },
                action,
            })
        })
        .collect()
}

/// Check the config's key bindings and install them; the errors are the config's.
pub fn install_from_config(config: &mut crate::config::Config, file: &str) -> Vec<ConfigError> {
    let errors = config.check_keys(file, known);
    install(from_config(&config.keys));
    errors
}

/// The default bindings as `--print-config` lists them: (context, key, action, help).
#[must_use]
pub fn key_docs() -> Vec<KeyDoc> {
    let mut out = Vec::new();
    for b in BINDINGS {
        for t in b.keys {
            if let Trigger::Key(k) = t {
                let chord = crate::config::KeyChord::new(k.code, k.mods);
                out.push((
                    context_name(b.context).to_string(),
                    chord.name(),
                    action_name(b.action),
                    b.help.to_string(),
                ));
            }
        }
    }
    out
}

/// Help rows for one context with the user's keys: each default row without the keys the user
/// rebound or unbound there, plus the user's keys for that action; then rows for actions the
/// user bound that have no row in the context.
#[must_use]
pub fn help_rows(context: Context, user: &[UserKey]) -> Vec<(String, String)> {
    let mine: Vec<&UserKey> = user.iter().filter(|u| u.context == context).collect();
    let mut rows = Vec::new();
    let mut shown: Vec<Action> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.context == context) {
        let mut keys: Vec<String> = b
            .keys
            .iter()
            .filter(|t| !matches!(t, Trigger::Key(k) if mine.iter().any(|u| u.key == *k)))
            .map(key_name)
            .collect();
        keys.extend(
            mine.iter()
                .filter(|u| u.action == Some(b.action))
                .map(|u| key_name(&Trigger::Key(u.key))),
        );
        shown.push(b.action);
        if !keys.is_empty() {
            rows.push((keys.join(" "), b.help.to_string()));
        }
    }
    for u in &mine {
        if let Some(action) = u.action.filter(|a| !shown.contains(a)) {
            shown.push(action);
            let keys: Vec<String> = mine
                .iter()
                .filter(|v| v.action == Some(action))
                .map(|v| key_name(&Trigger::Key(v.key)))
                .collect();
            rows.push((keys.join(" "), action_name(action).replace('_', " ")));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;
    use crate::keymap::{Mode, lookup_with};
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    fn user(text: &str) -> Vec<UserKey> {
        let (mut config, errors) = parse(text, "k.toml");
        assert!(errors.is_empty(), "{errors:?}");
        let errors = config.check_keys("k.toml", known);
        assert!(errors.is_empty(), "{errors:?}");
        from_config(&config.keys)
    }

    #[test]
    fn rebinding_and_unbinding_take_effect_and_show_in_the_help() {
        let keys = user(
            "[keys.article]\n\"ctrl-f\" = \"page_down\"\n\"space\" = \"none\"\n\"x\" = \"half_page_down\"\n",
        );
        let ev = |code, mods| KeyEvent::new(code, mods);
        let ctrl_f = ev(KeyCode::Char('f'), KeyModifiers::CONTROL);
        let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
        let x = ev(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(
            lookup_with(&ctrl_f, Mode::Article, false, &keys),
            Some(Action::PageDown)
        );
        assert_eq!(lookup_with(&space, Mode::Article, false, &keys), None);
        assert_eq!(
            lookup_with(&space, Mode::Article, false, &[]),
            Some(Action::PageDown)
        );
        assert_eq!(
            lookup_with(&x, Mode::Article, false, &keys),
            Some(Action::HalfPageDown)
        );
        let rows = help_rows(Context::Article, &keys);
        let page_down = rows.iter().find(|(_, h)| h == "page down").expect("row");
        assert!(page_down.0.contains("Ctrl-f"), "{page_down:?}");
        assert!(!page_down.0.contains("Space"), "{page_down:?}");
        let half = rows
            .iter()
            .find(|(_, h)| h == "half page down")
            .expect("row");
        assert!(half.0.ends_with(" x"), "{half:?}");
    }

    #[test]
    fn every_action_of_the_table_has_a_name_that_reads_back() {
        for b in BINDINGS {
            assert_eq!(action_by_name(&action_name(b.action)), Some(b.action));
        }
        assert_eq!(action_name(Action::PageDown), "page_down");
        assert!(known("article", Some("page_down")));
        assert!(!known("article", Some("fly")));
        assert!(!known("sidebar", None));
        assert!(
            key_docs()
                .iter()
                .any(|(c, k, a, _)| c == "article" && k == "space" && a == "page_down")
        );
    }
}
