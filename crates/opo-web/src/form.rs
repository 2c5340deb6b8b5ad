//! Forms read field by field, for those whose keys repeat (checkboxes, multiple selects) and so do not
//! fit one struct.

/// The fields of a form in the order sent, with repeated keys kept as lists.
pub(crate) struct Fields(Vec<(String, String)>);

impl Fields {
    pub(crate) fn parse(body: &[u8]) -> Self {
        Self(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of `key`, empty when it was not sent.
    pub(crate) fn one(&self, key: &str) -> String {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of `key`, in the order sent.
    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
    }
}
