//! Placeholder until the comparison lands; replaced by the real module.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row { pub left: Option<Side>, pub right: Option<Side>, pub change: Change }
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side { pub number: usize, pub segments: Vec<Segment> }
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment { pub text: String, pub marked: bool }
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Change { Same, Added, Removed, Changed, Formatting }
impl Change { pub fn key(self) -> &'static str { "same" } }
pub fn compare(_old: &str, _new: &str) -> Vec<Row> { Vec::new() }
