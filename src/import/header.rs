//! Finding the header row under a ledger's title rows and mapping its cells to a kind's columns.

use super::columns::{
    normalise_header, Column, ColumnType, Kind, IGNORED_HEADERS, LIST_ONLY_HEADERS,
};
use crate::domain::cell::Cell;
use crate::domain::values::MoneyUnit;

/// How many rows from the top may hold the header (title rows above it are skipped).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// A header row mapped to a kind's columns.
#[derive(Debug)]
pub struct HeaderMap {
    pub kind: Kind,
    /// The Excel row number of the header.
    pub row: u64,
    /// The header cells as the file writes them (for messages and the rejects file).
    pub headers: Vec<String>,
    /// For each column of the kind, the index of the cell that holds it.
    slots: Vec<Option<usize>>,
    /// For each money column of the kind, the unit its header names.
    units: Vec<MoneyUnit>,
    /// Header cells that name no column of the kind.
    pub unknown: Vec<String>,
    /// Unknown header cells that hold a column's name (`其他发明专利数` holds 发明专利): the
    /// header as the file writes it and the column it resembles. Their data would be lost
    /// unseen, so the import is refused unless the user maps or ignores them.
    pub resembling: Vec<(String, &'static Column)>,
    /// `--map` headers and `--ignore-column` values that name no column of the file.
    pub unused: Vec<String>,
}

/// A column's letter as Excel shows it (0 → A, 26 → AA).
pub fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The column a letter names (`C`, `aa`), up to Excel's last, XFD.
pub fn column_index(letters: &str) -> Option<usize> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let n = letters
        .to_ascii_uppercase()
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1);
    (n <= 16_384).then(|| n - 1)
}

/// What is known about a file's header beyond its cells: what the user said (`--map 表头=字段`,
/// each header as `normalise_header` leaves it and the index of the kind's column it holds;
/// `--ignore-column 表头` or a column letter, as given), and which columns the sheet hides.
#[derive(Debug, Default)]
pub struct HeaderHints {
    pub mapped: Vec<(String, usize)>,
    pub ignored: Vec<String>,
    /// Hidden columns, 0-based.
    pub hidden: Vec<usize>,
}

/// Why a header cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// Required columns are missing (their Chinese headers).
    /// With the unknown headers that resemble a missing column (header, column), if any.
    Missing(Vec<&'static str>, Vec<(String, &'static str)>),
    /// Two cells name the same column: the two headers as the file writes them with their
    /// column letters, and the column's Chinese name.
    Duplicate {
        first: (String, String),
        second: (String, String),
        column: &'static str,
        /// The letter of the one the sheet hides, if it says.
        hidden: Option<String>,
    },
    /// `--ignore-column` names a header that more than one column has: their letters.
    IgnoreAmbiguous {
        header: String,
        letters: Vec<String>,
    },
    /// A money column names a unit other than 元 or 万元.
    BadUnit { header: String, unit: String },
}

impl HeaderMap {
    /// Maps `cells` as the header of `kind` if the row names known columns: at least two, or
    /// every non-blank cell when the row has only one.
    pub fn detect(
        kind: Kind,
        row: u64,
        cells: &[Cell],
    ) -> Option<Result<HeaderMap, HeaderProblem>> {
        Self::detect_with(kind, row, cells, &HeaderHints::default())
    }

    /// `detect`, with the headers the user mapped to columns or told to ignore.
    pub fn detect_with(
        kind: Kind,
        row: u64,
        cells: &[Cell],
        hints: &HeaderHints,
    ) -> Option<Result<HeaderMap, HeaderProblem>> {
        let columns = kind.columns();
        let mut slots = vec![None; columns.len()];
        let mut units = vec![MoneyUnit::Yuan; columns.len()];
        let mut unknown = Vec::new();
        let mut resembling = Vec::new();
        let mut headers = Vec::with_capacity(cells.len());
        let mut matched = 0;
        let mut problem = None;
        let names: Vec<String> = cells
            .iter()
            .map(|c| normalise_header(&c.text()).0)
            .collect();
        // `--ignore-column`: a header of the row (one column only), else a column letter.
        let mut ignored_at = Vec::new();
        let mut unused = Vec::new();
        for given in &hints.ignored {
            let name = normalise_header(given).0;
            let hits: Vec<usize> = (0..names.len())
                .filter(|i| !name.is_empty() && names[*i] == name)
                .collect();
            match (hits.len(), column_index(given)) {
                (1, _) => ignored_at.push(hits[0]),
                (0, Some(i)) => ignored_at.push(i),
                (0, None) => unused.push(given.clone()),
                _ => {
                    problem.get_or_insert(HeaderProblem::IgnoreAmbiguous {
                        header: given.clone(),
                        letters: hits.iter().map(|i| column_letter(*i)).collect(),
                    });
                }
            }
        }
        unused.extend(
            hints
                .mapped
                .iter()
                .filter(|(h, _)| !names.contains(h))
                .map(|(h, _)| h.clone()),
        );
        for (i, cell) in cells.iter().enumerate() {
            let raw = cell.text().to_string();
            let (name, unit) = normalise_header(&raw);
            if name.is_empty()
                || IGNORED_HEADERS.contains(&name.as_str())
                || ignored_at.contains(&i)
            {
                headers.push(raw);
                continue;
            }
            let given = hints
                .mapped
                .iter()
                .find(|(h, _)| *h == name)
                .map(|(_, c)| *c);
            match given.or_else(|| columns.iter().position(|c| c.matches(&name))) {
                Some(c) => {
                    matched += 1;
                    if let Some(first) = slots[c] {
                        let first_header = headers.get(first).cloned().unwrap_or_default();
                        let hidden = [i, first]
                            .into_iter()
                            .find(|k| hints.hidden.contains(k))
                            .map(column_letter);
                        problem.get_or_insert(HeaderProblem::Duplicate {
                            first: (first_header, column_letter(first)),
                            second: (raw.clone(), column_letter(i)),
                            column: columns[c].zh,
                            hidden,
                        });
                    }
                    slots[c] = Some(i);
                    if columns[c].ty == ColumnType::Money {
                        match unit.as_deref() {
                            None | Some("元") | Some("yuan") | Some("rmb") | Some("人民币") => {
                            }
                            Some("万元") | Some("万") => units[c] = MoneyUnit::WanYuan,
                            Some(other) => {
                                problem.get_or_insert(HeaderProblem::BadUnit {
                                    header: raw.clone(),
                                    unit: other.to_string(),
                                });
                            }
                        }
                    }
                }
                None => {
                    if let Some(column) = resembles(columns, &name) {
                        resembling.push((raw.clone(), column));
                    }
                    unknown.push(raw.clone());
                }
            }
            headers.push(raw);
        }
        let non_blank = cells.iter().filter(|c| !c.is_blank()).count();
        if matched < 2 && !(matched == 1 && non_blank == 1) {
            return None;
        }
        if let Some(p) = problem {
            return Some(Err(p));
        }
        let missing: Vec<&'static str> = columns
            .iter()
            .zip(&slots)
            .filter(|(c, s)| c.required && s.is_none())
            .map(|(c, _)| c.zh)
            .collect();
        if !missing.is_empty() {
            let like = resembling
                .into_iter()
                .filter(|(_, c)| missing.contains(&c.zh))
                .map(|(h, c)| (h, c.zh))
                .collect();
            return Some(Err(HeaderProblem::Missing(missing, like)));
        }
        Some(Ok(HeaderMap {
            kind,
            row,
            headers,
            slots,
            units,
            unknown,
            resembling,
            unused,
        }))
    }

    /// How many cells of a row name a column of `kind`, as `detect` would match them.
    pub fn known_columns(kind: Kind, cells: &[Cell]) -> usize {
        cells
            .iter()
            .filter(|c| {
                let name = normalise_header(&c.text()).0;
                !name.is_empty() && kind.columns().iter().any(|col| col.matches(&name))
            })
            .count()
    }

    fn index(&self, key: &str) -> Option<usize> {
        let found = self.kind.columns().iter().position(|c| c.key == key);
        // Code names columns by the constants of `columns` (`people::NAME`): a key that is
        // none of the kind's columns is a mistake in the code, not in the file.
        debug_assert!(found.is_some(), "{key} is not a column of {:?}", self.kind);
        found
    }

    /// The cell of column `key` in a data row (`Cell::Empty` when the file has no such column).
    pub fn cell<'a>(&self, cells: &'a [Cell], key: &str) -> &'a Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.index(key)
            .and_then(|c| self.slots[c])
            .and_then(|i| cells.get(i))
            .unwrap_or(EMPTY)
    }

    /// How many of the kind's columns the header names.
    pub fn matched(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// Whether cell `i` of a row is read as a column.
    pub fn reads(&self, i: usize) -> bool {
        self.slots.contains(&Some(i))
    }

    /// Whether the file has column `key` at all.
    pub fn has(&self, key: &str) -> bool {
        self.index(key).and_then(|c| self.slots[c]).is_some()
    }

    /// The header of column `key` as the file writes it (the Chinese name if the file lacks it).
    pub fn name<'a>(&'a self, key: &'a str) -> &'a str {
        match self.index(key) {
            Some(c) => match self.slots[c] {
                Some(i) => &self.headers[i],
                None => self.kind.columns()[c].zh,
            },
            None => key,
        }
    }

    /// The unit of money column `key`.
    pub fn unit(&self, key: &str) -> MoneyUnit {
        self.index(key)
            .map(|c| self.units[c])
            .unwrap_or(MoneyUnit::Yuan)
    }

    /// The columns of the kind the file provides.
    pub fn present(&self) -> impl Iterator<Item = &'static Column> + '_ {
        self.kind
            .columns()
            .iter()
            .zip(&self.slots)
            .filter(|(_, s)| s.is_some())
            .map(|(c, _)| c)
    }
}

/// The column an unknown header seems to be about: one whose Chinese name or other wording (of
/// two characters or more) the header contains, the longest such. English headers are left:
/// `name` inside `enterprise_name` says nothing. Headers our own lists write beside the import
/// columns ([`LIST_ONLY_HEADERS`]) resemble nothing: a list read back loses nothing.
fn resembles(columns: &'static [Column], name: &str) -> Option<&'static Column> {
    if name.is_ascii() || LIST_ONLY_HEADERS.contains(&name) {
        return None;
    }
    columns
        .iter()
        .flat_map(|c| {
            std::iter::once(c.zh)
                .chain(c.synonyms.iter().copied())
                .map(move |w| (c, w))
        })
        .map(|(c, w)| (c, normalise_header(w).0))
        .filter(|(_, w)| !w.is_ascii() && w.chars().count() >= 2 && name.contains(w.as_str()))
        .max_by_key(|(_, w)| w.len())
        .map(|(c, _)| c)
}

/// Whether a data row is the header again (a sheet pasted together from several): every cell
/// written is the header's own text in that column, two at least. Most rows differ in their
/// first filled cell, compared without allocating.
pub fn repeats_header(cells: &[Cell], header: &[String]) -> bool {
    let mut same = 0;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        if header.get(i).is_none_or(|h| cell.text() != h.as_str()) {
            return false;
        }
        same += 1;
    }
    same >= 2
}

/// Whether a data row is a total row (合计 / 总计 / 小计 in its first non-blank cell).
/// The word may be followed only by a count or a colon (`合计`, `合计：`, `合计(共40人)`, `总计12笔`),
/// so that a name that merely begins with it (`TotalEnergies…`, `总计划处`) is data.
pub fn is_total_row(cells: &[Cell]) -> bool {
    cells.iter().find(|c| !c.is_blank()).is_some_and(|c| {
        let text = c.text();
        // The first character of 合计/总计/小计/total as any spelling of the cell writes it:
        // most rows have none and need no normalising.
        if !text
            .chars()
            .any(|ch| matches!(ch, '合' | '总' | '小' | 't' | 'T' | 'ｔ' | 'Ｔ'))
        {
            return false;
        }
        let (t, unit) = normalise_header(&text);
        ["合计", "总计", "小计", "total"].iter().any(|w| {
            t.strip_prefix(w).is_some_and(|rest| {
                rest.chars()
                    .all(|ch| ch.is_ascii_digit() || ":：共人笔户家个条项元,，.".contains(ch))
                    && (unit.is_none() || rest.is_empty())
            })
        })
    })
}

/// The labels that open the signature lines under a ledger (填表人：… 审核人：… 填报日期：…),
/// and the notes written there (注：… 说明：… 以下空白).
const FOOTER_LABELS: [&str; 25] = [
    "填表人",
    "填报人",
    "制表人",
    "经办人",
    "审核人",
    "审批人",
    "复核人",
    "负责人",
    "单位负责人",
    "主管领导",
    "统计人",
    "联系人",
    "填表日期",
    "填报日期",
    "制表日期",
    "联系电话",
    "制表",
    "填表",
    "注",
    "说明",
    "以下空白",
    "以下无数据",
    // The sign sheet's own, in English.
    "Handled by",
    "Checked by",
    "Approved by",
];

/// Whether a row is a footer line: its first non-blank cell starts with a signature label
/// (`填表人：张三`, `经办人`, `审核人:`, `填 表 人：` …), followed by nothing, a colon or a space
/// (a one-character label such as 注 by a colon only). A row that merely begins with the same
/// characters as a name is data.
pub fn is_footer_row(cells: &[Cell]) -> bool {
    cells.iter().find(|c| !c.is_blank()).is_some_and(|c| {
        let text = c.text();
        let text = text.trim_start_matches(|ch: char| ch.is_whitespace());
        // Most rows start with a digit or a name: one character settles them.
        let first = text.chars().next();
        if !FOOTER_LABELS.iter().any(|l| l.chars().next() == first) {
            return false;
        }
        FOOTER_LABELS.iter().any(|label| {
            let Some(rest) = strip_spaced(text, label) else {
                return false;
            };
            let colon = rest.starts_with([':', '：']);
            if label.chars().count() == 1 {
                colon
            } else {
                rest.is_empty() || colon || rest.starts_with([' ', '\u{3000}', '\t'])
            }
        })
    })
}

/// `text` after `label`, spaces between the label's characters allowed (`填 表 人`).
fn strip_spaced<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let mut rest = text;
    for (k, want) in label.chars().enumerate() {
        if k > 0 && !want.is_ascii() {
            rest = rest.trim_start_matches([' ', '\u{3000}']);
        }
        rest = rest.strip_prefix(want)?;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| {
                if t.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(t.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn footer_lines_are_signature_labels_not_names() {
        for line in [
            &["填表人：张三", "", "审核人：李四"][..],
            &["", "经办人"],
            &["制表人: 王五"],
            &["填报日期　2025年12月31日"],
            &["  联系电话：0510-12345678"],
            &["填 表 人：张三"],
            &["制表：刘芳"],
            &["注：本表金额单位为元"],
            &["以下空白"],
            &["说明：", "x"],
        ] {
            assert!(is_footer_row(&row(line)), "{line:?}");
        }
        for line in [
            &["负责人员培训", "32020219620315951X"][..],
            &["1", "填表人"],
            &["经办人员"],
            &[""],
            &["注册会计师", "x"],
            &["说明书", "x"],
            &["制表机", "x"],
        ] {
            assert!(!is_footer_row(&row(line)), "{line:?}");
        }
    }

    #[test]
    fn title_rows_are_not_headers() {
        assert!(HeaderMap::detect(Kind::People, 1, &row(&["2024年劳模花名册"])).is_none());
        assert!(HeaderMap::detect(
            Kind::People,
            2,
            &row(&["制表单位：梁溪区总工会", "", "2024-12-31"])
        )
        .is_none());
        let map = HeaderMap::detect(
            Kind::People,
            3,
            &row(&["序号", "姓名", "身份证号码", "备注"]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(map.unknown, vec!["备注".to_string()]);
        assert!(map.has("id_number"));
        assert_eq!(map.name("id_number"), "身份证号码");
        assert_eq!(map.name("mobile"), "手机号");
    }

    #[test]
    fn english_aliases_and_units() {
        let map = HeaderMap::detect(
            Kind::Payouts,
            1,
            &row(&["id_number", "name", "category", "amount(万元)", "paid_on"]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(map.unit("amount"), MoneyUnit::WanYuan);
        let cells = row(&["1", "2", "3", "4", "5"]);
        assert_eq!(map.cell(&cells, "paid_on"), &Cell::Text("5".into()));
        assert_eq!(map.cell(&cells, "voucher"), &Cell::Empty);
    }

    #[test]
    fn missing_duplicate_and_bad_unit() {
        assert_eq!(
            HeaderMap::detect(Kind::Payouts, 1, &row(&["姓名", "类别", "金额"]))
                .unwrap()
                .unwrap_err(),
            HeaderProblem::Missing(vec!["身份证号", "发放日期"], Vec::new())
        );
        assert_eq!(
            HeaderMap::detect(Kind::Hardship, 1, &row(&["姓名", "身份证号", "身份证号码"]))
                .unwrap()
                .unwrap_err(),
            HeaderProblem::Duplicate {
                first: ("身份证号".into(), "B".into()),
                second: ("身份证号码".into(), "C".into()),
                column: "身份证号",
                hidden: None,
            }
        );
        assert!(matches!(
            HeaderMap::detect(
                Kind::Payouts,
                1,
                &row(&["身份证号", "姓名", "类别", "金额(千元)", "发放日期"])
            )
            .unwrap(),
            Err(HeaderProblem::BadUnit { .. })
        ));
    }

    #[test]
    fn column_letters_both_ways() {
        for (i, l) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("c"), Some(2));
        assert_eq!(column_index("XFE"), None);
        assert_eq!(column_index("手机号"), None);
        assert_eq!(column_index("ABCD"), None);
        assert_eq!(column_index(""), None);
    }

    #[test]
    fn total_rows() {
        assert!(is_total_row(&row(&["", "合计", "", "12,000.00"])));
        assert!(is_total_row(&row(&["总 计"])));
        assert!(!is_total_row(&row(&["张三", "合计"])));
        assert!(is_total_row(&row(&["合计：", "40"])));
        assert!(is_total_row(&row(&["合计（共40人）"])));
        assert!(is_total_row(&row(&["总计12笔"])));
        assert!(!is_total_row(&row(&[
            "TotalEnergies道达尔能源（无锡）有限公司",
            "x"
        ])));
        assert!(!is_total_row(&row(&["总计划处", "x"])));
    }
}
