//! Colour where it helps: verdicts (符合 green, 不符合 red), the error and warning prefixes.
//! Only on a terminal, never in pipes or files; `NO_COLOR` (any value) turns it off,
//! `--color never|auto|always` decides over both.

use crate::i18n::Lang;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// What a piece of text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Good,
    Bad,
    Warn,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum When {
    Never,
    #[default]
    Auto,
    Always,
}

/// Whether stdout and stderr get colour.
static COLOUR: OnceLock<(bool, bool)> = OnceLock::new();

/// Decides colour for this run (once; later calls change nothing).
pub fn set(when: When) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = |terminal: bool| match when {
        When::Always => true,
        When::Never => false,
        When::Auto => terminal && !no_color,
    };
    let _ = COLOUR.set((
        on(std::io::stdout().is_terminal()),
        on(std::io::stderr().is_terminal()),
    ));
}

fn paint(text: &str, p: Paint, on: bool) -> String {
    if !on {
        return text.to_string();
    }
    let code = match p {
        Paint::Good => "32",
        Paint::Bad => "31",
        Paint::Warn => "33",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// `text` for stdout, coloured when stdout takes colour.
pub fn out(text: &str, p: Paint) -> String {
    paint(text, p, COLOUR.get().is_some_and(|c| c.0))
}

/// `text` for stderr, coloured when stderr takes colour.
pub fn err(text: &str, p: Paint) -> String {
    paint(text, p, COLOUR.get().is_some_and(|c| c.1))
}

/// A warning for stderr: the prefix (警告) in colour where stderr takes it, then the text.
pub fn warning(lang: Lang, text: &str) -> String {
    use crate::i18n::Msg;
    format!(
        "{}{}{text}",
        err(Msg::WarningPrefix.text(lang), Paint::Warn),
        Msg::Sep.text(lang)
    )
}

/// An error for stderr, likewise (错误).
pub fn error(lang: Lang, text: &str) -> String {
    use crate::i18n::Msg;
    format!(
        "{}{}{text}",
        err(Msg::ErrorPrefix.text(lang), Paint::Bad),
        Msg::Sep.text(lang)
    )
}
