//! Tables for the screen that fit the window. The width is the terminal's, or `COLUMNS` when set
//! (also when the output is piped, so that scripts and tests can fix it); with neither, nothing
//! wraps. Atomic values — dates, ID numbers, credit codes, vouchers, amounts, codes, percentages:
//! any value that is not free text, and every value of a column keyed as one — are never split;
//! free text (names, units, notes, reasons) wraps, between words and between Chinese characters
//! but never inside a run of digits or Latin letters. When the window is too narrow even so, the
//! columns empty in every row shown are left out, then those a list marks optional, least
//! important first, rather than splitting a short name or category (one line says which, and
//! what has them all); when the rest still does not fit, each record is printed as a block of
//! `label：value` lines, a value too wide beside its label going whole on its own lines under
//! it. On a terminal a list is cut to what fits in the screen's height in lines
//! ([`screenful`]).

use crate::i18n::Lang;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthStr;

use super::render::{Records, Val};
use crate::i18n::{say, Msg};

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

/// Lines a screenful keeps besides one line per row: the rules and header of the table, the
/// line about the rest, and the shell's prompt after it.
const SCREEN_CHROME: usize = 6;

/// How many of `total` rows to hold for a screen, `None` for all: `paging` on a screen
/// `height` lines high (known only when stdout is a terminal). A screenful is then cut to
/// what fits in lines ([`screenful`]).
pub fn rows_to_show(paging: Paging, total: usize, height: Option<usize>) -> Option<usize> {
    cap(paging, height).filter(|keep| *keep < total)
}

/// The most rows a screen shows, `None` for no limit.
fn cap(paging: Paging, height: Option<usize>) -> Option<usize> {
    match paging {
        Paging::All => None,
        Paging::Limit(n) => Some(n),
        Paging::Screen => height.map(|h| h.saturating_sub(SCREEN_CHROME).max(1)),
    }
}

/// This run's paging, and the screen's height when stdout is a terminal.
fn paging() -> (Paging, Option<usize>) {
    use std::io::IsTerminal;
    let paging = PAGING.get().copied().unwrap_or_default();
    let height = if std::io::stdout().is_terminal() {
        Screen::get().height
    } else {
        None
    };
    (paging, height)
}

/// The most rows this run's screen shows (see [`rows_to_show`]); a list streamed to the screen
/// holds no more than these.
pub fn row_cap() -> Option<usize> {
    let (paging, height) = paging();
    cap(paging, height)
}

/// The height in lines of the terminal a list is cut to, when stdout is one and neither
/// `--all` nor `--limit` was given.
pub fn screen_lines() -> Option<usize> {
    match paging() {
        (Paging::Screen, height) => height,
        _ => None,
    }
}

/// The table of a list of `total` rows, of which `records` holds the first, on a screen
/// `height` lines high: all of it when it fits, else as many rows as fit in lines — rows that
/// wrap take several — with the line saying how to see the rest, and a line left for the
/// prompt (at least one row, however small the screen).
pub fn screenful(
    lang: Lang,
    records: &Records,
    total: usize,
    window: Option<usize>,
    height: usize,
    hints: Hints,
) -> String {
    let fits = |text: &str| text.lines().count() < height;
    let held = records.rows.len();
    if held >= total {
        let whole = render_with(lang, records, window, hints);
        if held <= 1 || fits(&whole) {
            return whole;
        }
    }
    let first = |k: usize| first_rows(lang, records, k, total, window, hints);
    let (mut lo, mut hi) = (1, held.min(total.saturating_sub(1)).max(1));
    let mut best = None;
    while lo <= hi {
        let k = (lo + hi) / 2;
        let text = first(k);
        if fits(&text) {
            best = Some(text);
            lo = k + 1;
        } else {
            hi = k - 1;
        }
    }
    best.unwrap_or_else(|| first(1))
}

/// Lines of a screen shared among lists that `need` so many each to be shown whole, when
/// together they need more than the `budget`: a list that needs less than an even share keeps
/// all it needs, and what it leaves is shared among the others; none gets fewer than
/// `least` (a table's rules, a row and the line about the rest) unless it needs fewer,
/// whatever the budget.
pub fn share_lines(need: &[usize], budget: usize, least: usize) -> Vec<usize> {
    let mut given = vec![0; need.len()];
    let mut order: Vec<usize> = (0..need.len()).collect();
    order.sort_by_key(|i| need[*i]);
    let mut left = budget;
    for (done, i) in order.iter().enumerate() {
        let share = left / (need.len() - done);
        given[*i] = need[*i].min(share.max(least));
        left = left.saturating_sub(given[*i]);
    }
    given
}

/// The table of the first `k` rows of `records` (a list of `total`), and the line saying how
/// to see the rest.
pub fn first_rows(
    lang: Lang,
    records: &Records,
    k: usize,
    total: usize,
    window: Option<usize>,
    hints: Hints,
) -> String {
    let first = Records {
        columns: records.columns.clone(),
        rows: records.rows[..k.min(records.rows.len())].to_vec(),
        names: records.names.clone(),
    };
    let more = hints.more(lang, total, k);
    format!(
        "{}\n{}",
        render_with(lang, &first, window, hints),
        fill(&more, window.unwrap_or(UNBOUNDED))
    )
}

/// Display width: East Asian wide characters count two.
pub fn width(s: &str) -> usize {
    // Printable ASCII, most of any table (digits, dates, vouchers), is one column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// [`width`] of one character.
fn char_width(c: char) -> usize {
    if (' '..='~').contains(&c) {
        return 1;
    }
    UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str)
}

/// The narrowest a table may be before records are printed as blocks instead.
const MIN_TABLE_WIDTH: usize = 40;

/// The width free text gets, when there is room, before optional columns are kept.
const READABLE_TEXT: usize = 10;

/// Free text this wide or narrower (four Chinese characters: a name, a category) is kept on
/// one line before an optional column is.
const SHORT_TEXT: usize = 8;

/// A long run of Latin letters or digits (a pasted web address) may still be split, past this.
const LONGEST_UNBROKEN: usize = 40;

/// What a table says under itself about what it leaves out: the columns a narrow window
/// dropped, and the rows past a screenful — with what gives them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    /// A list: `-o FILE` and `--format csv` write every row and column.
    List,
    /// A list on a `show` page: only `--format json` holds the page's lists whole.
    Show,
}

impl Hints {
    /// A list: `-o FILE` and `--format csv` write every row and column.
    pub const LIST: Hints = Hints::List;
    /// A list on a `show` page: only `--format json` holds the page's lists whole.
    pub const SHOW: Hints = Hints::Show;

    /// The line naming the columns a narrow window left out.
    fn left_out(self, lang: Lang, columns: &str) -> String {
        match self {
            Hints::List => say::ColumnsLeftOut { columns: &columns }.text(lang),
            Hints::Show => say::ShowColumnsLeftOut { columns: &columns }.text(lang),
        }
    }

    /// The line under the first `shown` of `rows`.
    fn more(self, lang: Lang, rows: usize, shown: usize) -> String {
        match self {
            Hints::List => say::MoreRows {
                rows: &rows,
                shown: &shown,
            }
            .text(lang),
            Hints::Show => say::ShowMoreRows {
                rows: &rows,
                shown: &shown,
            }
            .text(lang),
        }
    }
}

/// A screen table of `records` fitting `window` columns (no limit when `None`).
pub fn render(lang: Lang, records: &Records, window: Option<usize>) -> String {
    render_with(lang, records, window, Hints::LIST)
}

/// [`render`], saying what gives the columns left out as `hints` do.
pub fn render_with(lang: Lang, records: &Records, window: Option<usize>, hints: Hints) -> String {
    if records.rows.is_empty() {
        return Msg::NoRecords.text(lang).to_string();
    }
    let (mut stream, mut text) = TableStream::start_with(lang, records, window, hints);
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
/// row drawn at the same widths. Nothing is split that the layout kept whole: a later value
/// wider than its column — any value when there is no window, an atomic one when there is —
/// takes the room it needs from the row's other cells (what they leave empty, then, with a
/// window, by wrapping their free text narrower), and past that widens its row; only that
/// row's inner rules then stand out of line. The rules close it at [`TableStream::end`].
pub struct TableStream {
    /// The language of its notes and of the values it words (yes/no).
    lang: Lang,
    headers: Vec<String>,
    /// The line naming the columns left out.
    hints: Hints,
    /// Whether each column holds atomic values: one its key names as such (a date, an ID
    /// number, a voucher …), or whose values in the first rows all are.
    atomic: Vec<bool>,
    layout: Layout,
    window: Option<usize>,
    /// Rows drawn so far (the block number of the next).
    rows: usize,
    /// Where a number is written to be drawn, reused row after row.
    scratch: String,
    /// A row's cells that wrap, reused row after row.
    wrapped: Vec<Option<String>>,
}

impl TableStream {
    /// Lays out `records` (the first rows of the list) for `window` and draws them: the header
    /// and the rows, not yet the closing rule.
    pub fn start(lang: Lang, records: &Records, window: Option<usize>) -> (TableStream, String) {
        TableStream::start_with(lang, records, window, Hints::LIST)
    }

    /// [`TableStream::start`], saying what gives the columns left out as `hints` do.
    pub fn start_with(
        lang: Lang,
        records: &Records,
        window: Option<usize>,
        hints: Hints,
    ) -> (TableStream, String) {
        let headers: Vec<String> = records
            .headers(lang)
            .iter()
            .map(|h| h.to_string())
            .collect();
        let cells: Vec<Vec<String>> = records
            .rows
            .iter()
            .map(|r| r.iter().map(|v| v.display(lang)).collect())
            .collect();
        let atomic = atomic_columns(records, &cells);
        let layout = layout(records, &headers, &cells, &atomic, window);
        let mut stream = TableStream {
            lang,
            headers,
            hints,
            atomic,
            layout,
            window,
            rows: 0,
            scratch: String::new(),
            wrapped: Vec::new(),
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
            stream.row_into(row, &mut out);
        }
        (stream, out)
    }

    /// One more row, drawn.
    pub fn row(&mut self, row: &[Val]) -> String {
        let mut out = String::new();
        self.row_into(row, &mut out);
        out
    }

    /// [`TableStream::row`], drawn at the end of `out`.
    pub fn row_into(&mut self, row: &[Val], out: &mut String) {
        let lang = self.lang;
        self.rows += 1;
        if let Layout::Grid {
            shown,
            fill: widths,
            grid,
            ..
        } = &self.layout
        {
            let wrap = self.window.is_some();
            if drawn_directly(
                lang,
                row,
                shown,
                widths,
                &grid.widths,
                &self.atomic,
                wrap,
                &mut self.scratch,
                &mut self.wrapped,
                out,
            ) {
                return;
            }
        }
        self.row_fitted(row, out);
    }

    /// [`TableStream::row_into`] for any row: each cell filled to its column, a whole value
    /// taking room from the others ([`fit_row`]), or a block.
    fn row_fitted(&mut self, row: &[Val], out: &mut String) {
        let lang = self.lang;
        match &self.layout {
            Layout::Grid {
                shown,
                fill: widths,
                grid,
                ..
            } => {
                let texts: Vec<String> = shown.iter().map(|j| row[*j].display(lang)).collect();
                let atomic: Vec<bool> = shown
                    .iter()
                    .map(|j| self.atomic[*j] || is_atomic(&row[*j]))
                    .collect();
                let limits: Vec<usize> = widths
                    .iter()
                    .zip(&grid.widths)
                    .map(|(w, held)| (*w).min(*held).max(1))
                    .collect();
                let (cells, row_widths) = fit_row(
                    &texts,
                    &atomic,
                    &limits,
                    &grid.widths,
                    self.window.is_some(),
                );
                let right: Vec<bool> = shown.iter().map(|j| is_number(&row[*j])).collect();
                grid.line_at(out, &row_widths, &cells, &right);
            }
            Layout::Blocks => {
                let cells: Vec<String> = row.iter().map(|v| v.display(lang)).collect();
                let atomic: Vec<bool> = row
                    .iter()
                    .zip(&self.atomic)
                    .map(|(v, a)| *a || is_atomic(v))
                    .collect();
                out.push_str(&block(
                    lang,
                    &self.headers,
                    &cells,
                    &atomic,
                    self.rows,
                    self.window.unwrap_or(usize::MAX / 2),
                ));
                out.push('\n');
            }
        }
    }

    /// The closing rule, and the line naming the columns left out (nothing after blocks).
    pub fn end(&mut self) -> String {
        let lang = self.lang;
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
                        &self
                            .hints
                            .left_out(lang, &names.join(Msg::ListSep.text(lang))),
                        self.window.unwrap_or(usize::MAX / 2),
                    ));
                }
            }
            Layout::Blocks => {}
        }
        out
    }
}

/// Draws `row` at the end of `out` when every cell fits its column — on one line, or free
/// text wrapped within its fill width — which is most rows of a long list, without the
/// per-cell copies [`fit_row`] makes; `false` (with `out` untouched) when a whole value would
/// widen its column, which [`fit_row`] then decides. The lines are those [`Grid::line_at`]
/// draws. `wrapped` holds the cells that wrap, reused row after row.
#[allow(clippy::too_many_arguments)]
fn drawn_directly(
    lang: Lang,
    row: &[Val],
    shown: &[usize],
    fill_to: &[usize],
    columns: &[usize],
    atomic: &[bool],
    wrap: bool,
    scratch: &mut String,
    wrapped: &mut Vec<Option<String>>,
    out: &mut String,
) -> bool {
    wrapped.clear();
    let mut height = 1;
    for (k, j) in shown.iter().enumerate() {
        let value = &row[*j];
        let text = value.shown_in(lang, scratch);
        let one_line = !text.contains('\n');
        let w = if one_line { width(text) } else { usize::MAX };
        let limit = fill_to[k].min(columns[k]).max(1);
        if w <= limit || (w <= columns[k] && (!wrap || atomic[*j])) {
            wrapped.push(None);
            continue;
        }
        // Free text wraps to its fill width; a whole value (or any, without a window) does not.
        if !wrap || atomic[*j] || is_atomic(value) {
            if one_line && w <= columns[k] {
                wrapped.push(None);
                continue;
            }
            return false;
        }
        let cell = fill(text, limit);
        if cell.lines().any(|l| width(l) > columns[k]) {
            return false;
        }
        height = height.max(cell.lines().count());
        wrapped.push(Some(cell));
    }
    for i in 0..height {
        out.push('│');
        for (k, j) in shown.iter().enumerate() {
            if k > 0 {
                out.push('┆');
            }
            let value = &row[*j];
            let text = match &wrapped[k] {
                Some(cell) => cell.lines().nth(i).unwrap_or(""),
                None if i == 0 => value.shown_in(lang, scratch).trim_end(),
                None => "",
            };
            draw_cell(out, text, columns[k], is_number(value));
        }
        out.push_str("│\n");
    }
    true
}

/// One cell of a grid's line: `text` padded to `width` (aligned right when `right`), a space
/// either side.
fn draw_cell(out: &mut String, text: &str, width_of_column: usize, right: bool) {
    let pad = width_of_column.saturating_sub(width(text));
    out.push(' ');
    if right {
        push_spaces(out, pad);
        out.push_str(text);
    } else {
        out.push_str(text);
        push_spaces(out, pad);
    }
    out.push(' ');
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Wider than any window: "no limit" for [`fill`].
const UNBOUNDED: usize = usize::MAX / 4;

/// One row's cells for a grid whose columns are `columns` wide, and the widths to draw them
/// at. With a window (`wrap`) free text is filled to its column's `limits`; atomic values, and
/// every value without a window, are kept whole. A whole value wider than its column takes the
/// room it needs from the row's other cells: first what they leave empty, then (with a window)
/// by wrapping their free text narrower, down to its widest piece; what is still missing
/// widens the row.
fn fit_row(
    texts: &[String],
    atomic: &[bool],
    limits: &[usize],
    columns: &[usize],
    wrap: bool,
) -> (Vec<String>, Vec<usize>) {
    let n = texts.len();
    let free = |k: usize| wrap && !atomic[k];
    let mut cells: Vec<String> = (0..n)
        .map(|k| fill(&texts[k], if free(k) { limits[k] } else { UNBOUNDED }))
        .collect();
    let used = |c: &str| c.lines().map(width).max().unwrap_or(0);
    let mut widths = columns.to_vec();
    let mut grown = vec![false; n];
    let mut short = 0;
    for k in 0..n {
        let w = used(&cells[k]);
        if w > widths[k] {
            short += w - widths[k];
            widths[k] = w;
            grown[k] = true;
        }
    }
    if short == 0 {
        return (cells, widths);
    }
    for k in 0..n {
        if !grown[k] {
            let give = (widths[k] - used(&cells[k])).min(short);
            widths[k] -= give;
            short -= give;
        }
    }
    for k in 0..n {
        if short == 0 {
            break;
        }
        if grown[k] || !free(k) {
            continue;
        }
        let give = widths[k]
            .saturating_sub(widest_unit(&texts[k]).max(1))
            .min(short);
        if give > 0 {
            widths[k] -= give;
            short -= give;
            cells[k] = fill(&texts[k], widths[k]);
        }
    }
    (cells, widths)
}

/// Numbers align right, cell by cell (a record's fields mix them with text).
fn is_number(v: &Val) -> bool {
    matches!(
        v,
        Val::Int(_) | Val::Money(_) | Val::Percent(_) | Val::Tenths(_)
    )
}

/// Column keys whose values are atomic whatever they hold (a voucher may hold Chinese): the
/// keys ending so, and dates (`…_on`, `…_date`).
const ATOMIC_KEYS: [&str; 6] = [
    "id_number",
    "mobile",
    "voucher",
    "credit_code",
    "amount",
    "code",
];

/// Whether each column of `records` holds atomic values: its key says so, or each of its
/// values (`cells` as shown) is one, and one at least is not empty.
fn atomic_columns(records: &Records, cells: &[Vec<String>]) -> Vec<bool> {
    (0..records.columns.len())
        .map(|j| {
            let key = if records.names.is_some() {
                ""
            } else {
                records.columns[j].key
            };
            let named = key.ends_with("_on")
                || key.ends_with("_date")
                || ATOMIC_KEYS.iter().any(|k| key.ends_with(k));
            let all = records.rows.iter().all(|r| is_atomic(&r[j]))
                && cells.iter().any(|r| !r[j].is_empty());
            named || all
        })
        .collect()
}

/// Lays out `records` (its `headers` and `cells` as shown, which columns are `atomic`) for
/// `window`.
fn layout(
    records: &Records,
    headers: &[String],
    cells: &[Vec<String>],
    atomic: &[bool],
    window: Option<usize>,
) -> Layout {
    let n = headers.len();
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
    // Free text of a few characters (a name, a category) kept whole when it can be.
    let short: Vec<usize> = (0..n)
        .map(|j| {
            cells
                .iter()
                .flat_map(|r| r[j].lines())
                .map(width)
                .filter(|w| *w <= SHORT_TEXT)
                .chain(std::iter::once(least[j]))
                .max()
                .unwrap_or(1)
        })
        .collect();
    let readable: Vec<usize> = (0..n)
        .map(|j| short[j].max(natural[j].min(READABLE_TEXT)))
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
    if window < MIN_TABLE_WIDTH {
        return Layout::Blocks;
    }
    // Left out, when the table does not fit: first the columns empty in every row shown, all
    // of them, then the optional ones one by one, least important first. Tried with free text
    // at a readable width (a name, a unit on few lines), then with short text whole (a name, a
    // category), then at the least each column can take: a column is left out sooner than a
    // name is split.
    let empty: Vec<usize> = (0..n)
        .filter(|j| cells.iter().all(|r| r[*j].is_empty()))
        .collect();
    let mut optional: Vec<(u8, usize)> = (0..n)
        .filter(|j| !empty.contains(j))
        .filter_map(|j| records.columns[j].optional.map(|rank| (rank, j)))
        .collect();
    optional.sort();
    let mut steps: Vec<Vec<usize>> = vec![Vec::new()];
    if !empty.is_empty() {
        steps.push(empty.clone());
    }
    for (_, j) in &optional {
        let mut next = steps.last().cloned().unwrap_or_default();
        next.push(*j);
        steps.push(next);
    }
    let mut fitted = None;
    'levels: for level in [&readable, &short, &least] {
        for dropped in &steps {
            let shown: Vec<usize> = (0..n).filter(|j| !dropped.contains(j)).collect();
            let fits =
                shown.iter().map(|j| level[*j]).sum::<usize>() + chrome(shown.len()) <= window;
            if !shown.is_empty() && fits {
                fitted = Some((level, shown, dropped.clone()));
                break 'levels;
            }
        }
    }
    let Some((level, shown, dropped)) = fitted else {
        return Layout::Blocks;
    };
    // Every column at the width it fitted at; the room left brings free text up to a short,
    // then a readable width first, then is shared out by how much more each column would use.
    let mut widths: Vec<usize> = level.clone();
    let mut room = window - shown.iter().map(|j| widths[*j]).sum::<usize>() - chrome(shown.len());
    for goal in [&short, &readable] {
        for j in &shown {
            let more = goal[*j].saturating_sub(widths[*j]).min(room);
            widths[*j] += more;
            room -= more;
        }
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
/// code, a voucher, a percentage, a masked number) no longer than [`LONGEST_UNBROKEN`] — a
/// longer run is a pasted address, a path or a record's detail, which may be split.
fn is_atomic(v: &Val) -> bool {
    match v {
        Val::Text(s) => {
            !s.is_empty()
                && !s.contains(char::is_whitespace)
                && s.is_ascii()
                && s.len() <= LONGEST_UNBROKEN
        }
        _ => true,
    }
}

/// The widest piece `text` cannot be broken into: a word of Latin letters and digits (up to
/// [`LONGEST_UNBROKEN`]), or one Chinese character with the punctuation that must stay with it.
fn widest_unit(text: &str) -> usize {
    text.lines()
        .flat_map(units)
        .map(|u| width(u).min(LONGEST_UNBROKEN))
        .max()
        .unwrap_or(0)
}

/// Characters that may not begin a line (closing punctuation) or end one (opening).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕”’,.;:?!)]}%…·";
const NO_LINE_END: &str = "（《「『【〔“‘([{";

/// The pieces of a line a wrap may break between: runs of non-wide characters (a number, a
/// date, a Latin word) and single wide characters, each with the punctuation that must stay
/// beside it; spaces are pieces of their own.
fn units(line: &str) -> Vec<&str> {
    let wide = |c: char| char_width(c) == 2;
    let mut out: Vec<&str> = Vec::new();
    // Where the piece being gathered starts, and its last character.
    let mut start = 0;
    let mut last: Option<char> = None;
    let mut glue_next = false;
    for (at, c) in line.char_indices() {
        let joins = match last {
            None => false,
            Some(_) if glue_next => true,
            Some(_) if NO_LINE_START.contains(c) => true,
            Some(last_c) => {
                !c.is_whitespace() && !wide(c) && !wide(last_c) && !last_c.is_whitespace()
            }
        };
        if !joins && last.is_some() {
            out.push(&line[start..at]);
            start = at;
        }
        last = Some(c);
        glue_next = NO_LINE_END.contains(c);
    }
    if last.is_some() {
        out.push(&line[start..]);
    }
    out
}

/// `text` wrapped to `width` columns: lines kept, each filled greedily with whole pieces; a
/// piece wider than the line is split by characters.
pub fn fill(text: &str, limit: usize) -> String {
    wrap(text, limit, true)
}

/// A line of prose for the screen (a headline, a summary) wrapped to the window when its width
/// is known, as [`fill`] does except that a piece wider than the window (a hash, a path) is
/// kept whole on a line of its own.
pub fn fit(text: &str) -> String {
    match Screen::get().width {
        Some(w) => wrap(text, w, false),
        None => text.to_string(),
    }
}

/// [`fill`]; a piece wider than the line is split by characters only when `split`.
fn wrap(text: &str, limit: usize, split: bool) -> String {
    let limit = limit.max(1);
    // Most cells fit their column as they are.
    if !text.contains('\n') && width(text) <= limit {
        return text.trim_end().to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        // The width of `current`.
        let mut used = 0;
        // After a break, the spaces that were between the two lines go.
        let mut broke = false;
        for unit in units(line) {
            let blank = unit.trim().is_empty();
            if broke && current.is_empty() && blank {
                continue;
            }
            let w = width(unit);
            if used + w <= limit {
                current.push_str(unit);
                used += w;
                continue;
            }
            if !current.trim().is_empty() {
                lines.push(current.trim_end().to_string());
            }
            broke = true;
            current.clear();
            used = 0;
            if blank {
                continue;
            }
            if w <= limit || !split {
                current.push_str(unit);
                used = w;
            } else {
                for c in unit.chars() {
                    let cw = char_width(c);
                    if used + cw > limit {
                        lines.push(std::mem::take(&mut current));
                        used = 0;
                    }
                    current.push(c);
                    used += cw;
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
        self.line_at(out, &self.widths, cells, right);
    }

    /// One row of cells drawn at `widths` (a row whose whole values took room from others).
    fn line_at(&self, out: &mut String, widths: &[usize], cells: &[String], right: &[bool]) {
        let lines: Vec<Vec<&str>> = cells.iter().map(|c| c.lines().collect()).collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for i in 0..height {
            out.push('│');
            for (k, w) in widths.iter().enumerate() {
                if k > 0 {
                    out.push('┆');
                }
                let text = lines[k].get(i).copied().unwrap_or("");
                draw_cell(out, text, *w, right[k]);
            }
            out.push_str("│\n");
        }
    }
}

/// Record `n` as a block of `label：value` lines under a `── N ──` rule, for a window too
/// narrow for the table. A value goes beside its label when it fits there (free text wrapping
/// under the label's end); else on its own lines under the label, indented. An `atomic` value
/// is never split: wider than the window, its line is.
fn block(
    lang: Lang,
    headers: &[String],
    row: &[String],
    atomic: &[bool],
    n: usize,
    window: usize,
) -> String {
    let label_width = headers.iter().map(|h| width(h)).max().unwrap_or(0);
    let sep = Msg::Sep.text(lang);
    let indent = label_width + width(sep);
    let room = window.saturating_sub(indent);
    // Under its label, a value is indented by two when that leaves it room.
    let under = if window >= 12 { 2 } else { 0 };
    let mut out = vec![fill(&say::RecordRule { n: &n }.text(lang), window)];
    for ((h, v), whole) in headers.iter().zip(row).zip(atomic) {
        if v.is_empty() {
            continue;
        }
        let widest = v.lines().map(width).max().unwrap_or(0);
        let beside = if *whole {
            widest <= room
        } else {
            widest <= room || (room >= 8 && widest_unit(v) <= room)
        };
        if beside {
            let pad = " ".repeat(label_width - width(h));
            let value = if *whole { v.clone() } else { fill(v, room) };
            let mut lines = value.lines();
            out.push(format!("{pad}{h}{sep}{}", lines.next().unwrap_or("")));
            for more in lines {
                out.push(format!("{}{more}", " ".repeat(indent)));
            }
            continue;
        }
        if indent <= window {
            let pad = " ".repeat(label_width - width(h));
            out.push(format!("{pad}{h}{sep}").trim_end().to_string());
        } else {
            out.push(fill(&format!("{h}{sep}"), window));
        }
        let value = if *whole {
            v.clone()
        } else {
            fill(v, window.saturating_sub(under))
        };
        for line in value.lines() {
            let indent = if width(line) + under <= window {
                under
            } else {
                0
            };
            out.push(format!("{}{line}", " ".repeat(indent)));
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
        // Prose for the screen keeps a piece wider than the window (a hash) whole.
        assert_eq!(
            wrap("hash: 0123456789 (note)", 8, false),
            "hash:\n0123456789\n(note)"
        );
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
            let whole = render(crate::i18n::Lang::Zh, &r, window);
            let first = Records {
                columns: r.columns.clone(),
                rows: r.rows[..3].to_vec(),
                names: None,
            };
            let (mut stream, mut text) = TableStream::start(crate::i18n::Lang::Zh, &first, window);
            for row in &r.rows[3..] {
                text.push_str(&stream.row(row));
            }
            text.push_str(&stream.end());
            assert_eq!(text.trim_end_matches('\n'), whole, "{window:?}");
        }
    }

    #[test]
    fn a_row_drawn_on_one_line_is_the_row_fitted_cell_by_cell() {
        let texts = [
            "",
            "李红霞",
            "欧阳娜娜",
            "无锡市梁溪区人民政府办公室综合科",
            "2024-03-01",
            "FL2024-00000001",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "尾随空格   ",
            "两行\n文本",
            "x",
            "https://example.com/a/very/long/path/that/keeps/going/on",
            "（括号）",
            "3202021962031595",
            "1.5",
        ];
        let columns = [
            Column::new("name", Msg::ColName),
            Column::new("paid_on", Msg::ColNote),
            Column::new("note", Msg::ColNote),
            Column::new("amount", Msg::ColAmount),
        ];
        let row = |i: usize| -> Vec<Val> {
            vec![
                Val::text(texts[i % texts.len()]),
                Val::text(texts[(i * 7 + 3) % texts.len()]),
                if i % 5 == 0 {
                    Val::Null
                } else {
                    Val::text(texts[(i * 3 + 1) % texts.len()])
                },
                if i % 2 == 0 {
                    Val::Money(i as i64 * 12345 - 5000)
                } else {
                    Val::Int(i as i64)
                },
            ]
        };
        let mut first = Records::new(&columns);
        first.rows = (0..4).map(row).collect();
        for window in [None, Some(40), Some(60), Some(80), Some(120)] {
            let (mut fast, _) = TableStream::start(crate::i18n::Lang::Zh, &first, window);
            let (mut slow, _) = TableStream::start(crate::i18n::Lang::Zh, &first, window);
            for i in 0..200 {
                let mut a = String::new();
                fast.row_into(&row(i), &mut a);
                let mut b = String::new();
                slow.rows += 1;
                slow.row_fitted(&row(i), &mut b);
                assert_eq!(a, b, "row {i} at {window:?}");
            }
        }
    }

    #[test]
    fn a_screen_is_shared_evenly_and_what_a_short_list_leaves_goes_to_the_others() {
        // Everything fits: each list whole.
        assert_eq!(share_lines(&[5, 7], 12, 4), vec![5, 7]);
        // A short list keeps its 5; the two long ones share the other 15.
        assert_eq!(share_lines(&[40, 5, 30], 20, 4), vec![8, 5, 7]);
        // Even shares, the remainder to the longest needs.
        assert_eq!(share_lines(&[30, 30], 21, 4), vec![10, 11]);
        // Never under the least, however small the screen.
        assert_eq!(share_lines(&[30, 30, 30], 6, 5), vec![5, 5, 5]);
        assert_eq!(share_lines(&[30, 3, 30], 6, 5), vec![5, 3, 5]);
        assert_eq!(share_lines(&[], 6, 5), Vec::<usize>::new());
    }

    #[test]
    fn a_screenful_of_rows_unless_all_or_a_limit() {
        assert_eq!(rows_to_show(Paging::Screen, 100, Some(40)), Some(34));
        assert_eq!(rows_to_show(Paging::Screen, 34, Some(40)), None);
        assert_eq!(rows_to_show(Paging::Screen, 35, Some(40)), Some(34));
        // A tiny window still holds one; piped (no height) shows all.
        assert_eq!(rows_to_show(Paging::Screen, 100, Some(3)), Some(1));
        assert_eq!(rows_to_show(Paging::Screen, 100, None), None);
        assert_eq!(rows_to_show(Paging::All, 100, Some(40)), None);
        assert_eq!(rows_to_show(Paging::Limit(5), 100, None), Some(5));
        assert_eq!(rows_to_show(Paging::Limit(5), 5, None), None);
    }

    #[test]
    fn a_screenful_counts_lines_not_rows() {
        const COLS: &[Column] = &[
            Column::new("name", Msg::ColName),
            Column::new("note", Msg::ColNote),
        ];
        let mut r = Records::new(COLS);
        r.rows = (0..40)
            .map(|i| {
                vec![
                    Val::text(format!("职工{i}")),
                    // Every third row's note takes three lines at 40 columns.
                    Val::text(if i % 3 == 0 {
                        "省劳动模范，2012年获评，现任车队长，兼任工会小组长，负责班组安全"
                    } else {
                        "无"
                    }),
                ]
            })
            .collect();
        for (height, rows) in [(24, 9), (14, 3), (3, 1)] {
            let text = screenful(
                crate::i18n::Lang::Zh,
                &r,
                200,
                Some(40),
                height,
                Hints::LIST,
            );
            assert!(longest(&text) <= 40, "{text}");
            let shown = text.lines().filter(|l| l.contains("职工")).count();
            assert_eq!(shown, rows, "{height}:\n{text}");
            // A line is left for the prompt, unless even one row does not fit.
            assert!(text.lines().count() < height || rows == 1, "{text}");
            assert!(text.contains(&format!("只显示前 {rows} 条")), "{text}");
        }
        // Everything fits: the whole table and nothing about the rest.
        r.rows.truncate(3);
        let whole = screenful(crate::i18n::Lang::Zh, &r, 3, Some(40), 24, Hints::LIST);
        assert_eq!(whole, render(crate::i18n::Lang::Zh, &r, Some(40)));
    }

    #[test]
    fn a_value_that_must_stay_whole_takes_room_from_its_row() {
        let texts = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Without a window nothing wraps: the long voucher widens the row, the note is whole.
        let (cells, widths) = fit_row(
            &texts(&[
                "249999.99",
                "医疗互助",
                "YL-2025-12-长凭证号-00001201-ABCDEFGHIJ",
                "备注很长很长",
            ]),
            &[true, false, true, false],
            &[4, 6, 6, 4],
            &[4, 6, 6, 4],
            false,
        );
        assert_eq!(cells[0], "249999.99");
        assert_eq!(cells[1], "医疗互助");
        assert_eq!(cells[3], "备注很长很长");
        assert_eq!(widths, [9, 8, 39, 12]);
        // With a window the amount takes its room from the free text beside it: the row keeps
        // its width, the note wraps narrower, nothing atomic is split.
        let (cells, widths) = fit_row(
            &texts(&["249999.99", "医疗互助补助金", "V1"]),
            &[true, false, true],
            &[4, 10, 2],
            &[4, 10, 2],
            true,
        );
        assert_eq!(cells[0], "249999.99");
        assert_eq!(widths, [9, 5, 2]);
        assert_eq!(cells[1], "医疗\n互助\n补助\n金");
        // What the other cells leave empty is taken first: nothing wraps.
        let (cells, widths) = fit_row(
            &texts(&["249999.99", "医疗互助", "V1"]),
            &[true, false, true],
            &[4, 10, 6],
            &[4, 10, 6],
            true,
        );
        assert_eq!(widths, [9, 8, 3]);
        assert_eq!(cells[1], "医疗互助");
    }

    #[test]
    fn a_block_puts_a_value_too_wide_for_its_label_on_its_own_lines() {
        let headers: Vec<String> = ["Opened on", "Note"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let row: Vec<String> = ["2018-10-10", "a long note that wraps"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = block(crate::i18n::Lang::Zh, &headers, &row, &[true, false], 1, 20);
        assert!(longest(&text) <= 20, "{text}");
        assert!(text.contains("\n  2018-10-10"), "{text}");
        // Wider than the window: whole, on a line of its own.
        let row: Vec<String> = ["32020219620315951X", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = block(crate::i18n::Lang::Zh, &headers, &row, &[true, false], 1, 12);
        assert!(
            text.lines().any(|l| l.trim() == "32020219620315951X"),
            "{text}"
        );
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
        let wide = render(crate::i18n::Lang::Zh, &r, None);
        assert!(wide.contains("32020219620315951X"));
        let narrow = render(crate::i18n::Lang::Zh, &r, Some(60));
        assert!(longest(&narrow) <= 60, "{narrow}");
        assert!(narrow.contains("32020219620315951X"), "{narrow}");
        let narrower = render(crate::i18n::Lang::Zh, &r, Some(50));
        assert!(longest(&narrower) <= 50, "{narrower}");
        assert!(narrower.contains("32020219620315951X"));
        assert!(!narrower.contains("无锡惠泽"), "{narrower}");
        let blocks = render(crate::i18n::Lang::Zh, &r, Some(30));
        assert!(longest(&blocks) <= 30, "{blocks}");
        assert!(blocks.contains("32020219620315951X"), "{blocks}");
        assert!(blocks.contains("无锡惠泽"), "{blocks}");
    }
}
