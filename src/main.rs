//! The `union` binary: parse the command line, run, map the outcome to an exit code
//! (0 done, 1 the data did not pass, 2 could not run).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Usage errors are said in the language asked for (`--lang`, else UNION_LANG), where the
    // catalogue words them: heard before parsing, as the value checks speak too.
    let lang = lang_asked();
    quiet_panics(lang);
    let parsed = union::cli::values::parsing_in(lang, || {
        union::cli::Cli::try_parse().map_err(|e| {
            // Help and version are successes; usage errors exit 2.
            match union::i18n::usage_error(lang, &e).filter(|_| e.use_stderr()) {
                Some(text) => eprintln!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            ExitCode::from(if e.use_stderr() { 2 } else { 0 })
        })
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // Past parsing, the language is the one the command line settled on.
    let lang = cli.lang();
    match union::run(cli) {
        Ok(union::Outcome::Done) => ExitCode::SUCCESS,
        Ok(union::Outcome::Failed) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "{}",
                union::report::style::error(lang, &union::i18n::error_text(lang, &err))
            );
            ExitCode::from(2)
        }
    }
}

/// The language a command line that did not parse asks for: `--lang en` / `--lang=en`, else
/// `UNION_LANG`, else Chinese.
fn lang_asked() -> union::i18n::Lang {
    // `args()` panics on an argument that is not UTF-8; clap says what is wrong with it.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = args
        .iter()
        .position(|a| a == "--lang")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(str::to_owned))
        })
        .or_else(|| std::env::var("UNION_LANG").ok());
    match given.as_deref().map(str::trim) {
        Some("en") => union::i18n::Lang::En,
        _ => union::i18n::Lang::Zh,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// No backtrace ever reaches the user. A panic inside the workbook reader thread is caught there
/// and reported as an unreadable file, so it prints nothing; any other panic is a bug, reported
/// in one line.
fn quiet_panics(lang: union::i18n::Lang) {
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("union-workbook") {
            return;
        }
        // `union … | head`: stdout closed early is not an error (as in ripgrep).
        if info.to_string().contains("failed printing to stdout") {
            std::process::exit(0);
        }
        eprintln!(
            "{}{}{info}",
            union::i18n::Msg::InternalError.text(lang),
            union::i18n::Msg::Sep.text(lang)
        );
    }));
}
