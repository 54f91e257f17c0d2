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

#[cfg(test)]
mod tests {
    #[test]
    fn masks() {
        assert_eq!(super::id_number("320102198001010015"), "320102********0015");
        assert_eq!(super::mobile("13812345678"), "138****5678");
        assert_eq!(super::id_number("12345"), "*****");
        assert_eq!(super::mobile(""), "");
    }
}
