//! Tables for the screen that fit the window. The width is the terminal's, or `COLUMNS` when set
//! (also when the output is piped, so that scripts and tests can fix it); with neither, nothing
//! wraps. Atomic values — dates, ID numbers, credit codes, vouchers, amounts, codes, percentages:
//! any value that is not free text — are never split; free text (names, units, notes, reasons)
//! wraps, between words and between Chinese characters but never inside a run of digits or
//! Latin letters. When the window is too narrow even so, the columns a list marks optional are
//! left out, least important first (one line says which, and that `-o`/`--format csv` has them
//! all); when the rest still does not fit, each record is printed as a block of `label：value`
//! lines.

use std::sync::OnceLock;
use unicode_width::UnicodeWidthStr;

use super::render::{Records, Val};
use crate::i18n::Msg;

/// What the screen is: its width in columns, if known, and its height in lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    pub width: Option<usize>,
    pub height: Option<usize>,
}

static SCREEN: OnceLock<Screen> = OnceLock::new();

impl Screen {
    /// The screen of this process: `COLUMNS`/`LINES` when set to a number, else the terminal's
    /// size when stdout is one, else unknown.
    pub fn get() -> Screen {
        *SCREEN.get_or_init(|| {
            let env = |name| {
                std::env::var(name)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|n| *n > 0)
            };
            let terminal = terminal_size::terminal_size_of(std::io::stdout())
                .map(|(w, h)| (usize::from(w.0), usize::from(h.0)));
            Screen {
                width: env("COLUMNS").or(terminal.map(|t| t.0)),
                height: env("LINES").or(terminal.map(|t| t.1)),
            }
        })
    }
}

/// How many rows of a list the screen shows: `--all`, `--limit N`, or (by default) what fits
/// the terminal, when stdout is one; piped output is whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paging {
    All,
    Limit(usize),
    #[default]
    Screen,
}

static PAGING: OnceLock<Paging> = OnceLock::new();

/// Sets this run's paging (once).
pub fn set_paging(p: Paging) {
    let _ = PAGING.set(p);
}

/// Lines a screenful keeps for the header, the border and the line about the rest.
const SCREEN_CHROME: usize = 8;

/// How many of `total` rows to show, `None` for all: `paging` on a screen `height` lines high
/// (known only when stdout is a terminal).
pub fn rows_to_show(paging: Paging, total: usize, height: Option<usize>) -> Option<usize> {
    cap(paging, height).filter(|keep| *keep < total)
}

/// The most rows a screen shows, `None` for no limit.
fn cap(paging: Paging, height: Option<usize>) -> Option<usize> {
    match paging {
        Paging::All => None,
        Paging::Limit(n) => Some(n),
        Paging::Screen => height.map(|h| h.saturating_sub(SCREEN_CHROME).max(10)),
    }
}

/// The most rows this run's screen shows (see [`rows_to_show`]); a list streamed to the screen
/// holds no more than these.
pub fn row_cap() -> Option<usize> {
    use std::io::IsTerminal;
    let paging = PAGING.get().copied().unwrap_or_default();
    let height = if std::io::stdout().is_terminal() {
        Screen::get().height
    } else {
        None
    };
    cap(paging, height)
}

/// Display width: East Asian wide characters count two.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The narrowest a table may be before records are printed as blocks instead.
const MIN_TABLE_WIDTH: usize = 40;

/// The width free text gets, when there is room, before optional columns are kept.
const READABLE_TEXT: usize = 10;

/// A long run of Latin letters or digits (a pasted web address) may still be split, past this.
const LONGEST_UNBROKEN: usize = 40;

/// A screen table of `records` fitting `window` columns (no limit when `None`).
pub fn render(records: &Records, window: Option<usize>) -> String {
    if records.rows.is_empty() {
        return Msg::NoRecords.text().to_string();
    }
    let (mut stream, mut text) = TableStream::start(records, window);
    text.push_str(&stream.end());
    while text.ends_with('\n') {
        text.pop();
    }
    text
}

/// How the columns are laid out: the columns shown, at which widths (the widest each holds,
/// filled), and those left out; or blocks of `label：value` lines.
enum Layout {
    Grid {
        shown: Vec<usize>,
        /// Each shown column's fill width, and the grid drawn from what the first rows took.
        fill: Vec<usize>,
        grid: Grid,
        dropped: Vec<usize>,
    },
    Blocks,
}

/// A screen table written as its rows come: laid out from the first rows, then each further
/// row drawn at the same widths (a value wider than its column there is split; a list long
/// enough to stream is piped output, not a window's). The rules close it at [`TableStream::end`].
pub struct TableStream {
    headers: Vec<String>,
    layout: Layout,
    window: Option<usize>,
    /// Rows drawn so far (the block number of the next).
    rows: usize,
}

impl TableStream {
    /// Lays out `records` (the first rows of the list) for `window` and draws them: the header
    /// and the rows, not yet the closing rule.
    pub fn start(records: &Records, window: Option<usize>) -> (TableStream, String) {
        let headers: Vec<String> = records.headers().iter().map(|h| h.to_string()).collect();
        let cells: Vec<Vec<String>> = records
            .rows
            .iter()
            .map(|r| r.iter().map(Val::display).collect())
            .collect();
        let layout = layout(records, &headers, &cells, window);
        let mut stream = TableStream {
            headers,
            layout,
            window,
            rows: 0,
        };
        let mut out = String::new();
        if let Layout::Grid {
            shown,
            fill: widths,
            grid,
            ..
        } = &mut stream.layout
        {
            let header: Vec<String> = shown
                .iter()
                .zip(widths.iter())
                .map(|(j, w)| fill(&stream.headers[*j], *w))
                .collect();
            let body: Vec<Vec<String>> = cells
                .iter()
                .map(|row| {
                    shown
                        .iter()
                        .zip(widths.iter())
                        .map(|(j, w)| fill(&row[*j], *w))
                        .collect()
                })
                .collect();
            *grid = Grid::holding(&header, &body);
            grid.rule(&mut out, Rule::Top);
            grid.line(&mut out, &header, &vec![false; shown.len()]);
            grid.rule(&mut out, Rule::Header);
        }
        for row in &records.rows {
            out.push_str(&stream.row(row));
        }
        (stream, out)
    }

    /// One more row, drawn.
    pub fn row(&mut self, row: &[Val]) -> String {
        self.rows += 1;
        let mut out = String::new();
        match &self.layout {
            Layout::Grid {
                shown,
                fill: widths,
                grid,
                ..
            } => {
                let cells: Vec<String> = shown
                    .iter()
                    .zip(widths.iter().zip(&grid.widths))
                    .map(|(j, (w, held))| fill(&row[*j].display(), (*w).min(*held).max(1)))
                    .collect();
                let right: Vec<bool> = shown.iter().map(|j| is_number(&row[*j])).collect();
                grid.line(&mut out, &cells, &right);
            }
            Layout::Blocks => {
                let cells: Vec<String> = row.iter().map(Val::display).collect();
                out.push_str(&block(
                    &self.headers,
                    &cells,
                    self.rows,
                    self.window.unwrap_or(usize::MAX / 2),
                ));
                out.push('\n');
            }
        }
        out
    }

    /// The closing rule, and the line naming the columns left out (nothing after blocks).
    pub fn end(&mut self) -> String {
        let mut out = String::new();
        match &self.layout {
            Layout::Grid { grid, dropped, .. } => {
                grid.rule(&mut out, Rule::Bottom);
                out.pop();
                if !dropped.is_empty() {
                    let mut dropped = dropped.clone();
                    dropped.sort();
                    let names: Vec<&str> =
                        dropped.iter().map(|j| self.headers[*j].as_str()).collect();
                    out.push('\n');
                    out.push_str(&fill(
                        &Msg::ColumnsLeftOut.fmt(&[&names.join(Msg::ListSep.text())]),
                        self.window.unwrap_or(usize::MAX / 2),
                    ));
                }
            }
            Layout::Blocks => {}
        }
        out
    }
}

/// Numbers align right, cell by cell (a record's fields mix them with text).
fn is_number(v: &Val) -> bool {
    matches!(
        v,
        Val::Int(_) | Val::Money(_) | Val::Percent(_) | Val::Tenths(_)
    )
}

/// Lays out `records` (its `headers` and `cells` as shown) for `window`.
fn layout(
    records: &Records,
    headers: &[String],
    cells: &[Vec<String>],
    window: Option<usize>,
) -> Layout {
    let n = headers.len();
    let atomic: Vec<bool> = (0..n)
        .map(|j| records.rows.iter().all(|r| is_atomic(&r[j])))
        .collect();
    let natural: Vec<usize> = (0..n)
        .map(|j| {
            cells
                .iter()
                .flat_map(|r| r[j].lines())
                .map(width)
                .chain(std::iter::once(width(&headers[j])))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let least: Vec<usize> = (0..n)
        .map(|j| {
            let values = cells.iter().map(|r| {
                if atomic[j] {
                    r[j].lines().map(width).max().unwrap_or(0)
                } else {
                    widest_unit(&r[j])
                }
            });
            let header = widest_unit(&headers[j]).max(width(&headers[j]).min(4));
            values
                .chain(std::iter::once(header))
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    let grid = |shown: Vec<usize>, widths: &[usize], dropped: Vec<usize>| Layout::Grid {
        fill: shown.iter().map(|j| widths[*j]).collect(),
        shown,
        grid: Grid { widths: Vec::new() },
        dropped,
    };
    let all: Vec<usize> = (0..n).collect();
    // Each column costs its width, a space either side and a border; one more border closes.
    let chrome = |k: usize| 3 * k + 1;
    let Some(window) = window else {
        return grid(all, &natural, Vec::new());
    };
    if natural.iter().sum::<usize>() + chrome(n) <= window {
        return grid(all, &natural, Vec::new());
    }
    // Left out first: columns empty in every row shown, then the optional ones, least important
    // first. Tried first with free text at a readable width (a name, a unit on few lines), then
    // at the least each column can take.
    let mut droppable: Vec<(u8, usize)> = (0..n)
        .filter_map(|j| {
            if cells.iter().all(|r| r[j].is_empty()) {
                Some((0, j))
            } else {
                records.columns[j].optional.map(|rank| (rank, j))
            }
        })
        .collect();
    droppable.sort();
    let readable: Vec<usize> = (0..n)
        .map(|j| least[j].max(natural[j].min(READABLE_TEXT)))
        .collect();
    let mut fitted = None;
    for least in [&readable, &least] {
        let fits = |shown: &[usize]| {
            shown.iter().map(|j| least[*j]).sum::<usize>() + chrome(shown.len()) <= window
        };
        let mut shown: Vec<usize> = (0..n).collect();
        let mut dropped = Vec::new();
        let mut next = droppable.iter();
        while !fits(&shown) {
            let Some((_, j)) = next.next() else { break };
            shown.retain(|c| c != j);
            dropped.push(*j);
        }
        if !shown.is_empty() && fits(&shown) {
            fitted = Some((least.clone(), shown, dropped));
            break;
        }
    }
    let Some((least, shown, dropped)) = fitted.filter(|_| window >= MIN_TABLE_WIDTH) else {
        return Layout::Blocks;
    };
    // Every column at its least; the room left brings free text up to a readable width
    // first, then is shared out by how much more each column would use.
    let mut widths: Vec<usize> = (0..n).map(|j| least[j]).collect();
    let mut room = window - shown.iter().map(|j| least[*j]).sum::<usize>() - chrome(shown.len());
    for j in &shown {
        let more = natural[*j]
            .min(READABLE_TEXT)
            .saturating_sub(widths[*j])
            .min(room);
        widths[*j] += more;
        room -= more;
    }
    let wanted: usize = shown.iter().map(|j| natural[*j] - widths[*j]).sum();
    let share = room;
    for j in &shown {
        let want = natural[*j] - widths[*j];
        let give = (want * share).checked_div(wanted).unwrap_or(0).min(want);
        widths[*j] += give;
        room -= give;
    }
    // What rounding left, to the columns still short, in order.
    for j in &shown {
        let more = (natural[*j] - widths[*j]).min(room);
        widths[*j] += more;
        room -= more;
    }
    grid(shown, &widths, dropped)
}

/// Whether a value is one that must never be split: anything but text, and text that is a
/// single run of Latin letters, digits and their punctuation (a date, an ID number, a credit
/// code, a voucher, a percentage, a masked number).
fn is_atomic(v: &Val) -> bool {
    match v {
        Val::Text(s) => !s.is_empty() && !s.contains(char::is_whitespace) && s.is_ascii(),
        _ => true,
    }
}

/// The widest piece `text` cannot be broken into: a word of Latin letters and digits (up to
/// [`LONGEST_UNBROKEN`]), or one Chinese character with the punctuation that must stay with it.
fn widest_unit(text: &str) -> usize {
    text.lines()
        .flat_map(units)
        .map(|u| width(&u).min(LONGEST_UNBROKEN))
        .max()
        .unwrap_or(0)
}

/// Characters that may not begin a line (closing punctuation) or end one (opening).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕”’,.;:?!)]}%…·";
const NO_LINE_END: &str = "（《「『【〔“‘([{";

/// The pieces of a line a wrap may break between: runs of non-wide characters (a number, a
/// date, a Latin word) and single wide characters, each with the punctuation that must stay
/// beside it; spaces are pieces of their own.
fn units(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    for c in line.chars() {
        let wide = width(c.encode_utf8(&mut [0; 4])) == 2;
        let space = c.is_whitespace();
        let joins = match out.last() {
            None => false,
            Some(_) if glue_next => true,
            Some(_) if NO_LINE_START.contains(c) => true,
            Some(last) => {
                let last_c = last.chars().last().unwrap_or(' ');
                let last_wide = width(last_c.encode_utf8(&mut [0; 4])) == 2;
                !space && !wide && !last_wide && !last_c.is_whitespace()
            }
        };
        if joins {
            if let Some(last) = out.last_mut() {
                last.push(c);
            }
        } else {
            out.push(c.to_string());
        }
        glue_next = NO_LINE_END.contains(c);
    }
    out
}

/// `text` wrapped to `width` columns: lines kept, each filled greedily with whole pieces; a
/// piece wider than the line is split by characters.
pub fn fill(text: &str, limit: usize) -> String {
    let limit = limit.max(1);
    // Most cells fit their column as they are.
    if !text.contains('\n') && width(text) <= limit {
        return text.trim_end().to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        // After a break, the spaces that were between the two lines go.
        let mut broke = false;
        for unit in units(line) {
            if broke && current.is_empty() && unit.trim().is_empty() {
                continue;
            }
            let w = width(&unit);
            if width(&current) + w <= limit {
                current.push_str(&unit);
                continue;
            }
            if !current.trim().is_empty() {
                lines.push(current.trim_end().to_string());
            }
            broke = true;
            current = String::new();
            let unit = if unit.trim().is_empty() {
                String::new()
            } else {
                unit
            };
            if width(&unit) <= limit {
                current = unit;
            } else {
                for c in unit.chars() {
                    if width(&current) + width(c.encode_utf8(&mut [0; 4])) > limit {
                        lines.push(std::mem::take(&mut current));
                    }
                    current.push(c);
                }
            }
        }
        lines.push(current.trim_end().to_string());
    }
    lines.join("\n")
}

/// The rules of a table: above the header, under it, under the last row.
#[derive(Clone, Copy)]
enum Rule {
    Top,
    Header,
    Bottom,
}

/// A table's columns: a space either side of each cell, `┆` between cells, `│` at the edges,
/// rules of `─` (`═` under the header), as the tables have always looked.
struct Grid {
    widths: Vec<usize>,
}

impl Grid {
    /// A grid each column of which is as wide as what it holds (header and rows, filled).
    fn holding(header: &[String], rows: &[Vec<String>]) -> Grid {
        Grid {
            widths: (0..header.len())
                .map(|k| {
                    std::iter::once(&header[k])
                        .chain(rows.iter().map(|r| &r[k]))
                        .flat_map(|c| c.lines())
                        .map(width)
                        .max()
                        .unwrap_or(0)
                })
                .collect(),
        }
    }

    fn rule(&self, out: &mut String, rule: Rule) {
        let (left, fill, join, right) = match rule {
            Rule::Top => ('┌', "─", '┬', '┐'),
            Rule::Header => ('╞', "═", '╪', '╡'),
            Rule::Bottom => ('└', "─", '┴', '┘'),
        };
        out.push(left);
        for (k, w) in self.widths.iter().enumerate() {
            if k > 0 {
                out.push(join);
            }
            out.push_str(&fill.repeat(w + 2));
        }
        out.push(right);
        out.push('\n');
    }

    /// One row of cells (each already filled to its column), `right` ones aligned right.
    fn line(&self, out: &mut String, cells: &[String], right: &[bool]) {
        let lines: Vec<Vec<&str>> = cells.iter().map(|c| c.lines().collect()).collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for i in 0..height {
            out.push('│');
            for (k, w) in self.widths.iter().enumerate() {
                if k > 0 {
                    out.push('┆');
                }
                let text = lines[k].get(i).copied().unwrap_or("");
                let pad = " ".repeat(w.saturating_sub(width(text)));
                out.push(' ');
                if right[k] {
                    out.push_str(&pad);
                    out.push_str(text);
                } else {
                    out.push_str(text);
                    out.push_str(&pad);
                }
                out.push(' ');
            }
            out.push_str("│\n");
        }
    }
}

/// Record `n` as a block of `label：value` lines under a `── N ──` rule, for a window too
/// narrow for the table; values wrap under their label's end.
fn block(headers: &[String], row: &[String], n: usize, window: usize) -> String {
    let label_width = headers.iter().map(|h| width(h)).max().unwrap_or(0);
    let sep = Msg::Sep.text();
    let indent = label_width + width(sep);
    let mut out = vec![fill(&Msg::RecordRule.fmt(&[&n]), window)];
    for (h, v) in headers.iter().zip(row) {
        if v.is_empty() {
            continue;
        }
        let pad = " ".repeat(label_width - width(h));
        if indent + 8 <= window {
            let value = fill(v, window - indent);
            let mut lines = value.lines();
            out.push(format!("{pad}{h}{sep}{}", lines.next().unwrap_or("")));
            for more in lines {
                out.push(format!("{}{more}", " ".repeat(indent)));
            }
        } else {
            out.push(fill(&format!("{h}{sep}"), window));
            out.push(fill(v, window));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::render::Column;

    fn longest(text: &str) -> usize {
        text.lines().map(width).max().unwrap_or(0)
    }

    #[test]
    fn text_wraps_between_characters_never_inside_numbers() {
        let text = "2024—2025年经济效益597000.00元（要求1000000.00元），发明专利0件";
        let wrapped = fill(text, 20);
        assert!(longest(&wrapped) <= 20, "{wrapped}");
        for whole in ["597000.00", "1000000.00", "2024", "2025"] {
            assert!(
                wrapped.lines().any(|l| l.contains(whole)),
                "{whole} split: {wrapped}"
            );
        }
        // Closing punctuation stays with what it closes.
        assert!(!wrapped
            .lines()
            .any(|l| l.starts_with('，') || l.starts_with('）')));
        assert_eq!(fill("a b  c", 3), "a b\nc");
        assert_eq!(fill("", 5), "");
        assert_eq!(fill("abcdefgh", 3), "abc\ndef\ngh");
    }

    #[test]
    fn a_table_written_as_it_comes_is_the_table_laid_out_whole() {
        const COLS: &[Column] = &[
            Column::new("id", Msg::ColId),
            Column::new("name", Msg::ColName),
            Column::new("amount", Msg::ColAmount),
        ];
        let mut r = Records::new(COLS);
        r.rows = (0..5)
            .map(|i| {
                vec![
                    Val::Int(i),
                    Val::text(["周建华", "陈静", "李四"][i as usize % 3]),
                    Val::Money(1000 * i),
                ]
            })
            .collect();
        for window in [None, Some(40), Some(30)] {
            let whole = render(&r, window);
            let first = Records {
                columns: r.columns.clone(),
                rows: r.rows[..3].to_vec(),
                names: None,
            };
            let (mut stream, mut text) = TableStream::start(&first, window);
            for row in &r.rows[3..] {
                text.push_str(&stream.row(row));
            }
            text.push_str(&stream.end());
            assert_eq!(text.trim_end_matches('\n'), whole, "{window:?}");
        }
    }

    #[test]
    fn a_screenful_of_rows_unless_all_or_a_limit() {
        assert_eq!(rows_to_show(Paging::Screen, 100, Some(40)), Some(32));
        assert_eq!(rows_to_show(Paging::Screen, 32, Some(40)), None);
        assert_eq!(rows_to_show(Paging::Screen, 33, Some(40)), Some(32));
        // A tiny window still shows ten; piped (no height) shows all.
        assert_eq!(rows_to_show(Paging::Screen, 100, Some(12)), Some(10));
        assert_eq!(rows_to_show(Paging::Screen, 100, None), None);
        assert_eq!(rows_to_show(Paging::All, 100, Some(40)), None);
        assert_eq!(rows_to_show(Paging::Limit(5), 100, None), Some(5));
        assert_eq!(rows_to_show(Paging::Limit(5), 5, None), None);
    }

    #[test]
    fn atomic_columns_keep_their_width_and_optional_ones_go_first() {
        const COLS: &[Column] = &[
            Column::new("id_number", Msg::ColIdNumber),
            Column::new("name", Msg::ColName),
            Column::new("work_unit", Msg::ColWorkUnit).optional(1),
            Column::new("note", Msg::ColNote),
        ];
        let mut r = Records::new(COLS);
        r.rows = vec![vec![
            Val::text("32020219620315951X"),
            Val::text("周建华"),
            Val::text("无锡惠泽公共交通有限公司第二分公司"),
            Val::text("省劳动模范，2012年获评，现任车队长"),
        ]];
        let wide = render(&r, None);
        assert!(wide.contains("32020219620315951X"));
        let narrow = render(&r, Some(60));
        assert!(longest(&narrow) <= 60, "{narrow}");
        assert!(narrow.contains("32020219620315951X"), "{narrow}");
        let narrower = render(&r, Some(50));
        assert!(longest(&narrower) <= 50, "{narrower}");
        assert!(narrower.contains("32020219620315951X"));
        assert!(!narrower.contains("无锡惠泽"), "{narrower}");
        let blocks = render(&r, Some(30));
        assert!(longest(&blocks) <= 30, "{blocks}");
        assert!(blocks.contains("32020219620315951X"), "{blocks}");
        assert!(blocks.contains("无锡惠泽"), "{blocks}");
    }
}
