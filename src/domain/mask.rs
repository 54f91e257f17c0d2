//! Masking of personal data for lists and exports (SPEC §2): ID numbers keep their first 6 and
//! last 4 characters, mobile numbers their first 3 and last 4.

/// `320102198001010015` → `320102********0015`. Anything not 18 characters long is masked
/// whole but for its length, so that malformed input never leaks.
pub fn id_number(s: &str) -> String {
    keep_ends(s, 6, 4, 18)
}

/// `13812345678` → `138****5678`.
pub fn mobile(s: &str) -> String {
    keep_ends(s, 3, 4, 11)
}

fn keep_ends(s: &str, head: usize, tail: usize, len: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != len {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i >= len - tail { *c } else { '*' })
        .collect()
}

/// A person's name as a refusal may quote it: its first and last characters (`张三丰` → `张*丰`,
/// `朱伟` → `朱*`), enough to tell a typo from another person without handing the name on file
/// to whoever supplied an ID number.
pub fn name(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => String::new(),
        1 | 2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// Options whose values name or describe a person: the audit log keeps the option, not its value.
const PERSONAL_OPTIONS: [&str; 5] = [
    "--id-number",
    "--name",
    "--note",
    "--student-name",
    "--student-id-number",
];

/// A command line as the audit log keeps it: what was done, not who it was done to. The values of
/// [`PERSONAL_OPTIONS`] and of `FIELD=VALUE` arguments (`union edit`) become `*`; anywhere else, a run of 15 to 18 digits (an ID number, the
/// last one may be X) is masked as in lists, and an 11-digit mobile number too.
pub fn command_line<S: AsRef<str>>(args: &[S]) -> String {
    let mut out = Vec::with_capacity(args.len());
    let mut hide_next = false;
    for arg in args {
        let arg = arg.as_ref();
        if std::mem::take(&mut hide_next) {
            out.push("*".to_string());
        } else if PERSONAL_OPTIONS.contains(&arg) {
            out.push(arg.to_string());
            hide_next = true;
        } else if let Some((option, _)) = arg
            .split_once('=')
            .filter(|(o, _)| PERSONAL_OPTIONS.contains(o))
        {
            out.push(format!("{option}=*"));
        } else if let Some((field, _)) = arg.split_once('=').filter(|_| !arg.starts_with('-')) {
            out.push(format!("{field}=*"));
        } else {
            out.push(numbers_masked(arg));
        }
    }
    out.join(" ")
}

/// `s` with every run of digits long enough to be an ID or mobile number masked. One pass over
/// the characters, with no index to step: nothing here can loop forever.
fn numbers_masked(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        // An X ends an ID number only after 17 digits.
        let check_x = matches!(c, 'X' | 'x') && run.len() == 17;
        if check_x {
            run.push(c);
        }
        masked_run(&mut out, &mut run);
        if !check_x {
            out.push(c);
        }
    }
    masked_run(&mut out, &mut run);
    out
}

/// Appends `run` (digits, perhaps an X) to `out`, masked by its length, and empties it.
fn masked_run(out: &mut String, run: &mut String) {
    match run.len() {
        18 => out.push_str(&id_number(run)),
        11 => out.push_str(&mobile(run)),
        15..=17 => out.push_str(&"*".repeat(run.len())),
        _ => out.push_str(run),
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_lines_keep_what_was_done_not_who() {
        let line = super::command_line(&[
            "union",
            "payout",
            "add",
            "--id-number",
            "32010219800101001X",
            "--name",
            "张三",
            "--note=家住某某路",
            "--category",
            "困难帮扶",
            "--amount",
            "500",
            "--date",
            "2025-07-01",
            "--voucher",
            "V-320102198001010015-13812345678",
        ]);
        assert_eq!(
            line,
            "union payout add --id-number * --name * --note=* --category 困难帮扶 --amount 500 \
             --date 2025-07-01 --voucher V-320102********0015-138****5678"
        );
        assert_eq!(
            super::command_line(&["union", "import", "payouts", "2025年发放.csv"]),
            "union import payouts 2025年发放.csv"
        );
        assert_eq!(super::command_line(&["x", "--name"]), "x --name");
        // 金秋助学's student: name and ID number hidden, the stage kept.
        assert_eq!(
            super::command_line(&[
                "--student-name",
                "周小明",
                "--student-id-number=320202200803151238",
                "--stage",
                "高中"
            ]),
            "--student-name * --student-id-number=* --stage 高中"
        );
        // An X ends an ID number only after 17 digits: ten digits and an X are not a mobile.
        assert_eq!(super::command_line(&["1381234567X"]), "1381234567X");
        assert_eq!(
            super::command_line(&["a32010219800101001x-13812345678b"]),
            "a320102********001x-138****5678b"
        );
        assert_eq!(super::command_line(&["123456789012345"]), "***************");
        // Only an X ends a 17-digit run as an ID number; any other character ends the run.
        assert_eq!(
            super::command_line(&["12345678901234567-5"]),
            "*****************-5"
        );
        assert_eq!(
            super::command_line(&["x32010219800101001XX"]),
            "x320102********001XX"
        );
        assert_eq!(super::command_line(&["X13812345678"]), "X138****5678");
    }

    #[test]
    fn edit_values_are_masked_but_not_options() {
        assert_eq!(
            super::command_line(&[
                "union",
                "edit",
                "people",
                "320102198001010015",
                "姓名=张三",
                "--clear",
                "去世日期",
                "--db=x.db"
            ]),
            "union edit people 320102********0015 姓名=* --clear 去世日期 --db=x.db"
        );
    }

    #[test]
    fn names_keep_their_ends() {
        assert_eq!(super::name("张三丰"), "张*丰");
        assert_eq!(super::name("朱　伟"), "朱*");
        assert_eq!(super::name("欧阳娜娜"), "欧**娜");
        assert_eq!(super::name("李"), "李*");
        assert_eq!(super::name(""), "");
    }

    #[test]
    fn masks() {
        assert_eq!(super::id_number("320102198001010015"), "320102********0015");
        assert_eq!(super::mobile("13812345678"), "138****5678");
        assert_eq!(super::id_number("12345"), "*****");
        assert_eq!(super::mobile(""), "");
    }
}
