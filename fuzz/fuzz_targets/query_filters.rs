//! The directory's query-string filters: whatever the address holds, parsing either refuses it with a
//! reason or gives a query whose own address parses back to the same query, and toggling a facet twice
//! gives the query back (on page 1).

#![no_main]

use libfuzzer_sys::fuzz_target;
use opo_domain::directory::DirectoryQuery;

fn parse(query_string: &[u8]) -> Result<DirectoryQuery, opo_domain::directory::BadQuery> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query_string).into_owned().collect();
    DirectoryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn to_query_string(query: &DirectoryQuery) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in query.pairs() {
        out.append_pair(key, &value);
    }
    out.finish()
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = parse(data) else { return };
    assert!(query.page >= 1);
    let written = to_query_string(&query);
    let again = parse(written.as_bytes()).unwrap_or_else(|e| panic!("{written:?} is refused: {e}"));
    assert_eq!(again, query, "{written:?} does not parse back to the same query");
    assert_eq!(to_query_string(&again), written, "writing is not stable");

    // Every facet value the query holds can be switched off and on again.
    let facets: Vec<(&str, String)> =
        query.pairs().into_iter().filter(|(k, _)| !matches!(*k, "q" | "sort" | "view" | "page")).collect();
    for (key, value) in facets {
        let without = query.toggled(key, &value).unwrap_or_else(|e| panic!("removing {key}={value}: {e}"));
        assert!(!without.pairs().contains(&(key, value.clone())), "{key}={value} is still set");
        let back = without.toggled(key, &value).unwrap_or_else(|e| panic!("adding {key}={value}: {e}"));
        assert!(back.pairs().contains(&(key, value.clone())), "{key}={value} is not set again");
        assert_eq!(back.page, 1);
    }
});
