//! The Operational Committee's review of an application: votes, conflicts of interest, and the rule
//! (quorum and majority) that says when a decision may be recorded.

use serde::{Deserialize, Serialize};

/// What one committee member says about an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Approve,
    Decline,
    Abstain,
    /// The member declared a conflict of interest and takes no part in this decision.
    Conflict,
}

impl Vote {
    pub const ALL: [Vote; 4] = [Self::Approve, Self::Decline, Self::Abstain, Self::Conflict];

    pub fn key(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Decline => "decline",
            Self::Abstain => "abstain",
            Self::Conflict => "conflict",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Approve => "Approve",
            Self::Decline => "Decline",
            Self::Abstain => "Abstain",
            Self::Conflict => "Conflict of interest declared",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// The outcome the committee reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Decline,
}

impl Decision {
    pub fn key(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Decline => "decline",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        [Self::Approve, Self::Decline].into_iter().find(|d| d.key() == key)
    }
}

/// How many votes a decision needs, and what share of them must approve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Votes cast (approve, decline or abstain; conflicts do not count) before any decision.
    pub quorum: u32,
    /// The share of approve votes among approve and decline votes, in percent, that must be exceeded
    /// to approve: 50 means a simple majority.
    pub majority_percent: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Self { quorum: 2, majority_percent: 50 }
    }
}

/// The votes counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub approve: u32,
    pub decline: u32,
    pub abstain: u32,
    pub conflict: u32,
}

impl Tally {
    pub fn count(votes: impl IntoIterator<Item = Vote>) -> Self {
        let mut tally = Self::default();
        for vote in votes {
            match vote {
                Vote::Approve => tally.approve += 1,
                Vote::Decline => tally.decline += 1,
                Vote::Abstain => tally.abstain += 1,
                Vote::Conflict => tally.conflict += 1,
            }
        }
        tally
    }

    /// Votes that count towards the quorum.
    pub fn cast(&self) -> u32 {
        self.approve + self.decline + self.abstain
    }

    /// What the votes support so far.
    pub fn verdict(&self, rules: Rules) -> Verdict {
        if self.cast() < rules.quorum {
            return Verdict::NoQuorum { missing: rules.quorum - self.cast() };
        }
        let deciding = self.approve + self.decline;
        // Integer arithmetic: approve / deciding > majority / 100.
        if deciding > 0 && u64::from(self.approve) * 100 > u64::from(rules.majority_percent) * u64::from(deciding) {
            Verdict::Approve
        } else {
            Verdict::Decline
        }
    }
}

/// What the committee's votes allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Verdict {
    /// Not enough votes yet.
    NoQuorum {
        missing: u32,
    },
    Approve,
    Decline,
}

/// Why a decision cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("the committee has no quorum yet: {missing} more vote(s) needed ({quorum} in all)")]
    NoQuorum { missing: u32, quorum: u32 },
    #[error("the votes do not support this decision ({approve} approve, {decline} decline, {abstain} abstain)")]
    AgainstVotes { approve: u32, decline: u32, abstain: u32 },
}

/// Checks that `decision` is what the votes support.
pub fn check_decision(decision: Decision, tally: Tally, rules: Rules) -> Result<(), DecisionError> {
    match (tally.verdict(rules), decision) {
        (Verdict::NoQuorum { missing }, _) => Err(DecisionError::NoQuorum { missing, quorum: rules.quorum }),
        (Verdict::Approve, Decision::Approve) | (Verdict::Decline, Decision::Decline) => Ok(()),
        _ => {
            Err(DecisionError::AgainstVotes { approve: tally.approve, decline: tally.decline, abstain: tally.abstain })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: Rules = Rules { quorum: 3, majority_percent: 50 };

    #[test]
    fn conflicts_do_not_count_towards_the_quorum() {
        let tally = Tally::count([Vote::Approve, Vote::Approve, Vote::Conflict]);
        assert_eq!(tally.verdict(RULES), Verdict::NoQuorum { missing: 1 });
        let err = check_decision(Decision::Approve, tally, RULES).expect_err("no quorum");
        assert_eq!(err.to_string(), "the committee has no quorum yet: 1 more vote(s) needed (3 in all)");
    }

    #[test]
    fn abstentions_count_towards_the_quorum_but_not_the_majority() {
        let tally = Tally::count([Vote::Approve, Vote::Abstain, Vote::Abstain]);
        assert_eq!(tally.verdict(RULES), Verdict::Approve);
    }

    #[test]
    fn a_tie_is_not_a_majority() {
        let tally = Tally::count([Vote::Approve, Vote::Decline, Vote::Abstain]);
        assert_eq!(tally.verdict(RULES), Verdict::Decline);
        assert!(check_decision(Decision::Approve, tally, RULES).is_err());
        assert!(check_decision(Decision::Decline, tally, RULES).is_ok());
    }

    #[test]
    fn a_two_thirds_rule_needs_more_than_two_thirds() {
        let rules = Rules { quorum: 3, majority_percent: 66 };
        assert_eq!(Tally::count([Vote::Approve, Vote::Approve, Vote::Decline]).verdict(rules), Verdict::Approve);
        let rules = Rules { quorum: 3, majority_percent: 67 };
        assert_eq!(Tally::count([Vote::Approve, Vote::Approve, Vote::Decline]).verdict(rules), Verdict::Decline);
    }

    #[test]
    fn only_abstentions_cannot_approve() {
        let tally = Tally::count([Vote::Abstain, Vote::Abstain, Vote::Abstain]);
        assert_eq!(tally.verdict(RULES), Verdict::Decline);
    }

    #[test]
    fn keys_round_trip() {
        for vote in Vote::ALL {
            assert_eq!(Vote::parse(vote.key()), Some(vote));
        }
        assert_eq!(Decision::parse("approve"), Some(Decision::Approve));
        assert_eq!(Decision::parse("maybe"), None);
    }
}
