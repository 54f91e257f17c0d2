//! Carriers and programmes (载体): 职工书屋, 模范职工之家, 模范职工小家, 星级示范岗, 技能标兵 and any
//! programme an office declares. A programme's naming criteria and leader rule are declared, not
//! hard-wired; `judge` says, rule by rule, whether a carrier may be named at a level on a date.
//! Pure: the facts and the date are passed in.

use chrono::{Datelike, NaiveDate};

use super::codes::{CarrierLevel, LeaderRule};

/// A programme: its name (the carriers' 类型), the criteria a carrier must meet, who may lead
/// one, and whether its levels are stars (一星 … 三星) or tiers (区级 … 全国).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub name: String,
    pub criteria: Vec<String>,
    pub leader: LeaderRule,
    pub stars: bool,
}

/// The programmes every office has (no criteria and no leader rule until one is declared):
/// name, the code of its year-end keys, and whether its levels are stars.
pub const BUILT_IN: [(&str, &str, bool); 5] = [
    ("职工书屋", "reading_room", false),
    ("模范职工之家", "model_home", false),
    ("模范职工小家", "model_small_home", false),
    ("星级示范岗", "star_post", true),
    ("技能标兵", "skills_pacesetter", false),
];

/// The programme's part of a year-end key: a built-in programme's code, else its name.
pub fn key_part(name: &str) -> &str {
    BUILT_IN
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(name, |(_, code, _)| code)
}

/// The built-in programme called `name`, as it is before anything is declared.
pub fn built_in(name: &str) -> Option<Programme> {
    BUILT_IN
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(n, _, stars)| Programme {
            name: n.to_string(),
            criteria: Vec::new(),
            leader: LeaderRule::None,
            stars: *stars,
        })
}

impl Programme {
    /// Whether a carrier of the programme may be named at `level`.
    pub fn takes(&self, level: CarrierLevel) -> bool {
        level.is_star() == self.stars
    }
}

/// Splits a declared list of criteria (`有团队,有场地` or with 、，；): trimmed, blanks and
/// repeats dropped, in the order given.
pub fn criteria_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.split([',', '，', '、', ';', '；']) {
        let c = c.trim();
        if !c.is_empty() && !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out
}

/// What the judge knows of the person leading a carrier.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeaderFacts {
    pub name: String,
    pub died_on: Option<NaiveDate>,
    pub deceased: bool,
    /// Titles and medals on file with their year (none: undated).
    pub honours: Vec<(String, Option<i32>)>,
    /// Carriers of other programmes the person leads: (programme, carrier, named on).
    pub leads: Vec<(String, String, Option<NaiveDate>)>,
}

/// What the judge knows of a carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierFacts {
    pub name: String,
    /// Its namings in this programme: level and date.
    pub namings: Vec<(CarrierLevel, Option<NaiveDate>)>,
    pub criteria_met: Vec<String>,
    pub leader: Option<LeaderFacts>,
}

/// The rules of a carrier's naming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarrierRule {
    /// The level is one the programme names at.
    LevelFits,
    /// Every criterion the programme declares is met.
    Criteria,
    /// The leader qualifies under the programme's leader rule.
    Leader,
    /// Not already named at this level or above.
    NotYetNamed,
}

impl CarrierRule {
    pub fn code(self) -> &'static str {
        match self {
            CarrierRule::LevelFits => "level_fits",
            CarrierRule::Criteria => "criteria",
            CarrierRule::Leader => "leader",
            CarrierRule::NotYetNamed => "not_yet_named",
        }
    }
}

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarrierFinding {
    LevelFits {
        stars: bool,
    },
    Criteria {
        required: Vec<String>,
        missing: Vec<String>,
    },
    /// The honour or carrier that qualifies the leader, if any.
    Leader {
        leader: Option<LeaderFacts>,
        qualifies_by: Option<String>,
        alive: bool,
    },
    NotYetNamed {
        held: Option<(CarrierLevel, Option<NaiveDate>)>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierVerdict {
    pub rule: CarrierRule,
    pub passed: bool,
    pub finding: CarrierFinding,
}

/// Every rule's verdict for a carrier of `p` asking to be named at `level` on `date`.
pub fn judge(
    c: &CarrierFacts,
    p: &Programme,
    level: CarrierLevel,
    date: NaiveDate,
) -> Vec<CarrierVerdict> {
    let mut out = Vec::new();
    out.push(CarrierVerdict {
        rule: CarrierRule::LevelFits,
        passed: p.takes(level),
        finding: CarrierFinding::LevelFits { stars: p.stars },
    });
    let missing: Vec<String> = p
        .criteria
        .iter()
        .filter(|k| !c.criteria_met.contains(k))
        .cloned()
        .collect();
    if !p.criteria.is_empty() {
        out.push(CarrierVerdict {
            rule: CarrierRule::Criteria,
            passed: missing.is_empty(),
            finding: CarrierFinding::Criteria {
                required: p.criteria.clone(),
                missing,
            },
        });
    }
    if p.leader == LeaderRule::AnyHonour {
        let alive = c
            .leader
            .as_ref()
            .is_some_and(|l| !(l.deceased && l.died_on.is_none_or(|d| d <= date)));
        let qualifies_by = c.leader.as_ref().and_then(|l| {
            l.honours
                .iter()
                .find(|(_, y)| y.is_none_or(|y| y <= date.year()))
                .map(|(t, _)| t.clone())
                .or_else(|| {
                    l.leads
                        .iter()
                        .find(|(prog, _, on)| *prog != p.name && on.is_none_or(|d| d <= date))
                        .map(|(prog, name, _)| format!("{prog}：{name}"))
                })
        });
        out.push(CarrierVerdict {
            rule: CarrierRule::Leader,
            passed: alive && qualifies_by.is_some(),
            finding: CarrierFinding::Leader {
                leader: c.leader.clone(),
                qualifies_by,
                alive,
            },
        });
    }
    let held = c
        .namings
        .iter()
        .filter(|(l, on)| {
            l.is_star() == level.is_star()
                && l.rank() >= level.rank()
                && on.is_none_or(|d| d <= date)
        })
        .max_by_key(|(l, _)| l.rank())
        .copied();
    out.push(CarrierVerdict {
        rule: CarrierRule::NotYetNamed,
        passed: held.is_none(),
        finding: CarrierFinding::NotYetNamed { held },
    });
    out
}

/// The highest level among `levels` (stars and tiers apart: a tier wins over stars, which
/// only a star programme has).
pub fn highest(levels: impl IntoIterator<Item = CarrierLevel>) -> Option<CarrierLevel> {
    levels.into_iter().max_by_key(|l| (!l.is_star(), l.rank()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sanchuang() -> Programme {
        Programme {
            name: "星级示范岗".into(),
            criteria: criteria_list("有团队,有场地,有经费,有管理,有标志,有成效"),
            leader: LeaderRule::AnyHonour,
            stars: true,
        }
    }

    fn post() -> CarrierFacts {
        CarrierFacts {
            name: "数控班".into(),
            namings: vec![(CarrierLevel::OneStar, Some(d("2024-05-01")))],
            criteria_met: criteria_list("有团队、有场地、有经费、有管理、有标志、有成效"),
            leader: Some(LeaderFacts {
                name: "周建华".into(),
                leads: vec![("技能标兵".into(), "周建华".into(), Some(d("2025-03-01")))],
                ..Default::default()
            }),
        }
    }

    fn passed(v: &[CarrierVerdict]) -> Vec<(&'static str, bool)> {
        v.iter().map(|v| (v.rule.code(), v.passed)).collect()
    }

    #[test]
    fn a_star_post_led_by_a_skills_pacesetter_qualifies_from_the_day_they_were_named() {
        let p = sanchuang();
        let v = judge(&post(), &p, CarrierLevel::TwoStar, d("2025-03-01"));
        assert!(v.iter().all(|v| v.passed), "{v:?}");
        let v = judge(&post(), &p, CarrierLevel::TwoStar, d("2025-02-28"));
        assert_eq!(
            passed(&v),
            [
                ("level_fits", true),
                ("criteria", true),
                ("leader", false),
                ("not_yet_named", true)
            ]
        );
        // Already one star; a tier is not a star programme's level.
        let v = judge(&post(), &p, CarrierLevel::OneStar, d("2025-03-01"));
        assert!(!v[3].passed);
        let v = judge(&post(), &p, CarrierLevel::City, d("2025-03-01"));
        assert!(!v[0].passed);
        // The one-star naming dated the day after does not count yet.
        let v = judge(&post(), &p, CarrierLevel::OneStar, d("2024-04-30"));
        assert!(v[3].passed);
    }

    #[test]
    fn criteria_missing_are_named_and_a_leader_needs_an_honour_and_life() {
        let p = sanchuang();
        let mut c = post();
        c.criteria_met = criteria_list("有团队");
        let v = judge(&c, &p, CarrierLevel::TwoStar, d("2025-06-01"));
        assert_eq!(
            v[1].finding,
            CarrierFinding::Criteria {
                required: p.criteria.clone(),
                missing: criteria_list("有场地,有经费,有管理,有标志,有成效"),
            }
        );
        let mut c = post();
        if let Some(l) = c.leader.as_mut() {
            l.leads.clear();
            l.honours = vec![("市劳动模范".into(), Some(2025))];
        }
        assert!(judge(&c, &p, CarrierLevel::TwoStar, d("2025-01-01"))[2].passed);
        assert!(!judge(&c, &p, CarrierLevel::TwoStar, d("2024-12-31"))[2].passed);
        if let Some(l) = c.leader.as_mut() {
            l.deceased = true;
            l.died_on = Some(d("2025-06-01"));
        }
        assert!(judge(&c, &p, CarrierLevel::TwoStar, d("2025-05-31"))[2].passed);
        assert!(!judge(&c, &p, CarrierLevel::TwoStar, d("2025-06-01"))[2].passed);
        c.leader = None;
        assert!(!judge(&c, &p, CarrierLevel::TwoStar, d("2025-06-01"))[2].passed);
        // Leading a carrier of the same programme is not an honour for it.
        let mut c = post();
        if let Some(l) = c.leader.as_mut() {
            l.leads = vec![("星级示范岗".into(), "别的岗".into(), None)];
        }
        assert!(!judge(&c, &p, CarrierLevel::TwoStar, d("2025-06-01"))[2].passed);
    }

    #[test]
    fn a_programme_without_criteria_or_leader_rule_judges_level_and_naming_only() {
        let p = built_in("职工书屋").unwrap();
        let c = CarrierFacts {
            name: "书屋".into(),
            namings: vec![(CarrierLevel::City, None)],
            criteria_met: Vec::new(),
            leader: None,
        };
        let v = judge(&c, &p, CarrierLevel::Provincial, d("2025-01-01"));
        assert_eq!(passed(&v), [("level_fits", true), ("not_yet_named", true)]);
        let v = judge(&c, &p, CarrierLevel::District, d("2025-01-01"));
        assert_eq!(passed(&v), [("level_fits", true), ("not_yet_named", false)]);
        assert!(built_in("星级示范岗").unwrap().stars);
        assert_eq!(built_in("别的"), None);
        assert_eq!(key_part("职工书屋"), "reading_room");
        assert_eq!(key_part("巾帼文明岗"), "巾帼文明岗");
    }

    #[test]
    fn the_highest_level_and_criteria_lists() {
        use CarrierLevel::*;
        assert_eq!(highest([District, National, City]), Some(National));
        assert_eq!(highest([OneStar, ThreeStar]), Some(ThreeStar));
        assert_eq!(highest([ThreeStar, District]), Some(District));
        assert_eq!(highest([]), None);
        assert_eq!(criteria_list(" a，b、a;; c "), vec!["a", "b", "c"]);
    }
}
