//! A studio's judgement as a verdict list (`union studio apply`, and `studio name` when it
//! refuses): a headline with the studio, the level asked, the date and the verdict; one entry
//! per rule — a mark, the rule, then its evidence and, for a rule not met, the gap, indented
//! under it; and the policy parameters the rules used, once each, as numbered notes at the end
//! that the rules refer to (`[1]`). Lines fit the window when its width is known.

use crate::domain::eligibility::Judgement;
use crate::domain::policy::Dated;
use crate::i18n::Lang;
use crate::i18n::{self, say, Msg};

use super::style::{self, Paint};
use super::table::{fill, width};

/// How far evidence and gaps are indented under their rule.
const INDENT: usize = 5;

/// One rule's verdict in words, whatever was judged (a studio, a carrier): met or not, the
/// rule, the evidence, the gap of a rule not met, and the parameters it used.
pub struct Entry {
    pub passed: bool,
    pub rule: String,
    pub evidence: String,
    pub gap: Option<String>,
    pub params: Vec<Dated>,
}

/// The verdict list of `j` for `studio`, `level` the level asked in words.
pub fn render(
    lang: Lang,
    studio: &str,
    level: &str,
    j: &Judgement,
    window: Option<usize>,
) -> String {
    let entries: Vec<Entry> = j
        .verdicts
        .iter()
        .map(|v| Entry {
            passed: v.passed,
            rule: i18n::rule_description(lang, v.rule, &v.finding),
            evidence: i18n::evidence(lang, v),
            gap: (!v.passed).then(|| i18n::gap(lang, &v.finding)),
            params: v.params.clone(),
        })
        .collect();
    render_entries(lang, studio, level, j.date, &entries, window)
}

/// The verdict list of `entries` for `subject` asking for `level` (in words) on `date`.
pub fn render_entries(
    lang: Lang,
    subject: &str,
    level: &str,
    date: chrono::NaiveDate,
    entries: &[Entry],
    window: Option<usize>,
) -> String {
    let limit = window.unwrap_or(usize::MAX / 2).max(INDENT + 20);
    let date = date.format("%Y-%m-%d").to_string();
    let failed = entries.iter().filter(|v| !v.passed).count();
    let eligible = failed == 0;
    let studio = subject;
    let mut out: Vec<String> = Vec::new();
    let headline = if eligible {
        say::VerdictHeadEligible {
            studio: &studio,
            level: &level,
            date: &date,
        }
        .text(lang)
    } else {
        say::VerdictHeadNotEligible {
            studio: &studio,
            level: &level,
            date: &date,
            failed: &failed,
        }
        .text(lang)
    };
    let paint = if eligible { Paint::Good } else { Paint::Bad };
    out.extend(fill(&headline, limit).lines().map(|l| style::out(l, paint)));

    // The parameters in the order the rules first use them, each once.
    let mut notes = Notes::default();
    let indent = " ".repeat(INDENT);
    for v in entries {
        let refs: String = v
            .params
            .iter()
            .map(|d| format!("[{}]", notes.cite(d)))
            .collect();
        // A rule resting on a default no source report states says so where it is used.
        let refs = if v.params.iter().any(crate::domain::policy::unsourced) {
            format!("{refs}{}", Msg::UnsourcedMark.text(lang))
        } else {
            refs
        };
        let (mark, paint) = if v.passed {
            (Msg::MarkMet, Paint::Good)
        } else {
            (Msg::MarkNotMet, Paint::Bad)
        };
        let mark = mark.text(lang);
        let rule = &v.rule;
        let head = if refs.is_empty() {
            rule.clone()
        } else {
            format!("{rule} {refs}")
        };
        // The mark and a space, then the rule wrapped under itself.
        let lead = format!(" {mark} ");
        let hang = " ".repeat(width(&lead));
        for (k, line) in fill(&head, limit - width(&lead)).lines().enumerate() {
            if k == 0 {
                out.push(format!(" {} {line}", style::out(mark, paint)));
            } else {
                out.push(format!("{hang}{line}"));
            }
        }
        let evidence = &v.evidence;
        let mut detail = vec![say::VerdictEvidence { evidence }.text(lang)];
        // A gap that only repeats the evidence (the leader has died) is said once.
        if let Some(gap) = v.gap.as_ref().filter(|g| *g != evidence) {
            detail.push(say::VerdictGap { gap: &gap }.text(lang));
        }
        for text in detail {
            for line in fill(&text, limit - INDENT).lines() {
                out.push(format!("{indent}{line}"));
            }
        }
    }
    out.extend(notes.render(lang, limit));
    out.join("\n")
}

/// The parameters a list of rules used, numbered in the order first cited, each once, and
/// written at the end as notes (`[1] key = value，自…起，来源：…`) that the rules refer to.
#[derive(Default)]
pub struct Notes {
    cited: Vec<Dated>,
}

impl Notes {
    /// The number of `d`'s note: a new one, or the one the same value already has.
    pub fn cite(&mut self, d: &Dated) -> usize {
        let same = |k: &Dated| k.key == d.key && k.valid_from == d.valid_from && k.value == d.value;
        match self.cited.iter().position(same) {
            Some(i) => i + 1,
            None => {
                self.cited.push(d.clone());
                self.cited.len()
            }
        }
    }

    /// The notes under their heading, each wrapped to `limit` under itself; nothing when no
    /// parameter was cited.
    pub fn render(&self, lang: Lang, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        if self.cited.is_empty() {
            return out;
        }
        out.push(Msg::VerdictParams.text(lang).to_string());
        for (i, d) in self.cited.iter().enumerate() {
            let note = i18n::param_note(lang, i + 1, d);
            let number = format!("[{}] ", i + 1);
            let hang = " ".repeat(width(&number) + 1);
            for (k, line) in fill(&note, limit - hang.len()).lines().enumerate() {
                out.push(if k == 0 {
                    format!(" {line}")
                } else {
                    format!("{hang}{line}")
                });
            }
        }
        out
    }
}
