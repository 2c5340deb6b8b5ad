//! Outgoing webhooks: the events another system can subscribe to, and the rules an endpoint's address
//! must follow. An address must use HTTPS and name a public host; plain HTTP and private, loopback or
//! link-local addresses are refused unless the operator allows them (a test setup, a receiver on the
//! same private network), so an admin's form cannot turn the service into a probe of its own network.

use crate::partners::FieldError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Something that happened in the program, as a receiver subscribes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    ApplicationSubmitted,
    PartnerApproved,
    PartnerAnnounced,
    AgreementSigned,
    AgreementLapsed,
    PostPublished,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        Self::ApplicationSubmitted,
        Self::PartnerApproved,
        Self::PartnerAnnounced,
        Self::AgreementSigned,
        Self::AgreementLapsed,
        Self::PostPublished,
    ];

    /// The stable name receivers match on; never changed once published.
    pub fn key(self) -> &'static str {
        match self {
            Self::ApplicationSubmitted => "application.submitted",
            Self::PartnerApproved => "partner.approved",
            Self::PartnerAnnounced => "partner.announced",
            Self::AgreementSigned => "agreement.signed",
            Self::AgreementLapsed => "agreement.lapsed",
            Self::PostPublished => "post.published",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// An endpoint as an admin types it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointInput {
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
}

/// An endpoint that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEndpoint {
    pub url: String,
    pub description: String,
    pub events: Vec<EventKind>,
}

impl EndpointInput {
    /// Checks every field, naming each problem; `allow_private` lets plain HTTP and private addresses in.
    pub fn validate(&self, allow_private: bool) -> Result<ValidEndpoint, Vec<FieldError>> {
        let mut problems = Vec::new();
        let url = match check_url(&self.url, allow_private) {
            Ok(target) => Some(target.url),
            Err(e) => {
                problems.push(FieldError::of("url", &e));
                None
            }
        };
        let description = self.description.trim().to_owned();
        if description.chars().count() > 200 {
            problems.push(
                FieldError::new("description", "description-too-long", "Description: use at most 200 characters")
                    .with("max", 200),
            );
        }
        let mut events = Vec::new();
        for key in &self.events {
            match EventKind::parse(key.trim()) {
                Some(event) if !events.contains(&event) => events.push(event),
                Some(_) => {}
                None => problems.push(
                    FieldError::new("events", "unknown-event", format!("there is no event \"{key}\""))
                        .with("value", key),
                ),
            }
        }
        if self.events.is_empty() {
            problems.push(FieldError::new("events", "choose-event", "choose at least one event"));
        }
        match url {
            Some(url) if problems.is_empty() => {
                events.sort_by_key(|e| EventKind::ALL.iter().position(|a| a == e));
                Ok(ValidEndpoint { url, description, events })
            }
            _ => Err(problems),
        }
    }
}

/// Why an endpoint's address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("Address: enter the receiver's address, such as https://example.org/hooks/opo")]
    Empty,
    #[error("Address: use at most 2000 characters")]
    TooLong,
    #[error("Address: it must start with https://")]
    NotHttps,
    #[error("Address: it is not a valid web address")]
    Malformed,
    #[error("Address: a user name or password in the address is not allowed; the signature authenticates")]
    Credentials,
    #[error("Address: {0} is a private, local or reserved address, which webhooks may not be sent to")]
    Private(String),
}

/// A checked address: the URL as it will be called, its host (without brackets) and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    pub host: String,
    pub port: u16,
    /// The host as an IP address, when it is one.
    pub ip: Option<IpAddr>,
}

/// Checks an endpoint's address: HTTPS (or HTTP when `allow_private`), a host, no credentials, and
/// unless `allow_private`, no host that is or is named as a local or private address. Host names are
/// checked again once resolved, at every delivery, by [`is_forbidden`].
pub fn check_url(raw: &str, allow_private: bool) -> Result<Target, UrlError> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    if url.len() > 2000 {
        return Err(UrlError::TooLong);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlError::Malformed);
    }
    let lower = url.to_ascii_lowercase();
    let (rest, default_port) = if let Some(rest) = lower.strip_prefix("https://") {
        (rest, 443)
    } else if let Some(rest) = lower.strip_prefix("http://").filter(|_| allow_private) {
        (rest, 80)
    } else {
        return Err(UrlError::NotHttps);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    let (host, port) = split_host_port(authority).ok_or(UrlError::Malformed)?;
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or(UrlError::Malformed)?,
        None => default_port,
    };
    let ip = host.parse::<IpAddr>().ok();
    if ip.is_none() && !valid_host_name(host) {
        return Err(UrlError::Malformed);
    }
    if !allow_private {
        let forbidden = match ip {
            Some(ip) => is_forbidden(ip),
            None => local_name(host),
        };
        if forbidden {
            return Err(UrlError::Private(host.to_owned()));
        }
    }
    Ok(Target { url: url.to_owned(), host: host.to_owned(), port, ip })
}

fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        host.parse::<Ipv6Addr>().ok()?;
        return Some((host, port));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    (!host.is_empty()).then_some((host, port))
}

fn valid_host_name(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        // A name of digits and dots only is an IPv4 address in a form `parse` does not take (`127.1`).
        && !host.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Names that by convention only resolve inside a machine or a private network.
fn local_name(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    host == "localhost"
        || !host.contains('.')
        || [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet", ".corp"]
            .iter()
            .any(|suffix| host.ends_with(suffix))
}

/// Whether `ip` is one webhooks may not be sent to without the operator's leave: loopback, private,
/// link-local (cloud metadata services live there), carrier-grade NAT, multicast, documentation,
/// benchmarking, unspecified and other reserved ranges.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || first == 0x0064 && v6.segments()[1] == 0xff9b // NAT64, which reaches IPv4 anywhere
                || first == 0x2002 // 6to4, likewise
                || v6.segments()[..6] == [0, 0, 0, 0, 0, 0] // IPv4-compatible
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_a_stable_name_that_parses_back() {
        for event in EventKind::ALL {
            assert_eq!(EventKind::parse(event.key()), Some(event));
        }
        assert_eq!(EventKind::PostPublished.key(), "post.published");
        assert_eq!(EventKind::parse("post.deleted"), None);
    }

    #[test]
    fn a_public_https_address_is_accepted_with_its_host_and_port() {
        let t = check_url(" https://hooks.example.org:8443/opo?x=1 ", false).expect("valid");
        assert_eq!(
            (t.host.as_str(), t.port, t.url.as_str()),
            ("hooks.example.org", 8443, "https://hooks.example.org:8443/opo?x=1")
        );
        assert_eq!(
            check_url("https://93.184.216.34/h", false).expect("ip").ip,
            Some("93.184.216.34".parse().expect("ip"))
        );
    }

    #[test]
    fn plain_http_and_private_hosts_need_the_operators_leave() {
        for url in ["http://hooks.example.org/", "ftp://hooks.example.org/", "hooks.example.org"] {
            assert_eq!(check_url(url, false), Err(UrlError::NotHttps), "{url}");
        }
        for url in [
            "https://127.0.0.1/",
            "https://10.1.2.3/",
            "https://192.168.0.10:8080/",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://localhost/",
            "https://api.localhost/",
            "https://db.internal/",
            "https://intranet/",
            "https://0.0.0.0/",
        ] {
            assert!(matches!(check_url(url, false), Err(UrlError::Private(_))), "{url}");
        }
        assert!(check_url("http://127.0.0.1:9000/hook", true).is_ok());
        assert!(check_url("http://localhost/hook", true).is_ok());
    }

    #[test]
    fn malformed_addresses_and_credentials_are_refused() {
        assert_eq!(check_url("", false), Err(UrlError::Empty));
        assert_eq!(check_url("https://user:pw@example.org/", false), Err(UrlError::Credentials));
        for url in [
            "https://",
            "https://exa mple.org/",
            "https://example.org:99999/",
            "https://-x.org/",
            "https://127.1/",
            "https://[::1/",
        ] {
            assert!(check_url(url, false).is_err(), "{url}");
        }
    }

    #[test]
    fn an_endpoint_needs_events_it_knows() {
        let input = EndpointInput {
            url: "https://hooks.example.org/opo".into(),
            description: "CRM".into(),
            events: vec!["post.published".into(), "application.submitted".into(), "post.published".into()],
        };
        let valid = input.validate(false).expect("valid");
        assert_eq!(valid.events, vec![EventKind::ApplicationSubmitted, EventKind::PostPublished]);
        let bad = EndpointInput { url: "http://x.org".into(), description: String::new(), events: vec!["nope".into()] };
        let problems = bad.validate(false).expect_err("invalid");
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["url", "events"]);
        let none = EndpointInput { events: Vec::new(), ..input };
        assert_eq!(none.validate(false).expect_err("no events")[0].field, "events");
    }

    #[test]
    fn forbidden_ranges_cover_metadata_and_private_networks_but_not_public_hosts() {
        for ip in
            ["169.254.169.254", "172.16.5.4", "198.18.0.1", "240.0.0.1", "fe80::1", "2001:db8::1", "64:ff9b::a00:1"]
        {
            assert!(is_forbidden(ip.parse().expect("ip")), "{ip}");
        }
        for ip in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(!is_forbidden(ip.parse().expect("ip")), "{ip}");
        }
    }
}
