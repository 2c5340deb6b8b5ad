//! Who is asking, by network address, for the rate limits and the audit log. Behind a reverse proxy the
//! TCP peer is the proxy, shared by every visitor; the proxy names the client in `Forwarded` or
//! `X-Forwarded-For`. Anyone can send those headers, so they are believed only from the proxies the
//! operator trusts (`--trusted-proxies`), and read from the right: each trusted hop names the one before
//! it, and the first address not trusted is the client. Nothing a client writes further left counts.

use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The address of the client, as worked out for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClientIp(pub IpAddr);

/// Reads the operator's list of trusted proxies: addresses or CIDR ranges separated by commas
/// (`10.0.0.0/8, 192.0.2.7`). A bare address is a range of one.
pub fn parse_trusted_proxies(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<IpNet>()
                .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{part:?} is neither an IP address nor a CIDR range like 10.0.0.0/8"))
        })
        .collect()
}

/// One address of a `Forwarded: for=` element: bare, quoted, in brackets, with or without a port.
fn forwarded_address(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    value.parse().ok().or_else(|| value.rsplit_once(':').and_then(|(ip, _port)| ip.parse().ok()))
}

/// The addresses the proxies wrote, nearest last: from `Forwarded` when present, else from
/// `X-Forwarded-For`. An entry that is no address (`unknown`, an obfuscated name) is `None`.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then(|| forwarded_address(value))
                })?
            })
            .collect();
    }
    values("x-forwarded-for").iter().flat_map(|v| v.split(',')).map(forwarded_address).collect()
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the nearest address of the
/// forwarded chain that is not a trusted proxy itself.
pub(crate) fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if !is_trusted(&client) {
        return client;
    }
    for hop in forwarded_chain(headers).into_iter().rev() {
        match hop {
            Some(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // The proxy could not say who came before it: the last address known is as far as it goes.
            None => break,
        }
    }
    client
}

/// The layer: puts the client's address in the request for the handlers (`session::ClientInfo`).
pub(crate) async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(peer) = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) {
        let client = resolve(peer, request.headers(), &state.ops.trusted_proxies);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges_and_anything_else_is_refused() {
        let nets = parse_trusted_proxies(" 10.0.0.0/8, 192.0.2.7 ,::1").expect("valid");
        assert_eq!(nets.len(), 3);
        assert!(nets[1].contains(&ip("192.0.2.7")) && !nets[1].contains(&ip("192.0.2.8")));
        assert!(parse_trusted_proxies("10.0.0.0/33").is_err());
        assert!(parse_trusted_proxies("proxy.example").is_err_and(|e| e.contains("proxy.example")));
        assert_eq!(parse_trusted_proxies(""), Ok(Vec::new()));
    }

    #[test]
    fn forwarded_headers_are_ignored_from_a_peer_that_is_not_trusted() {
        let trusted = parse_trusted_proxies("10.0.0.1").expect("valid");
        let sent = headers(&[("x-forwarded-for", "198.51.100.9"), ("forwarded", "for=198.51.100.9")]);
        assert_eq!(resolve(ip("203.0.113.5"), &sent, &trusted), ip("203.0.113.5"));
        assert_eq!(resolve(ip("10.0.0.1"), &sent, &[]), ip("10.0.0.1"), "no proxy is trusted by default");
    }

    #[test]
    fn the_client_is_the_nearest_untrusted_hop_so_a_forged_left_part_does_not_count() {
        let trusted = parse_trusted_proxies("10.0.0.0/8").expect("valid");
        let forged = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.9, 10.0.0.2")]);
        assert_eq!(resolve(ip("10.0.0.1"), &forged, &trusted), ip("198.51.100.9"));
        let forwarded = headers(&[("forwarded", "for=1.2.3.4, for=\"[2001:db8::7]:4711\";proto=https")]);
        assert_eq!(resolve(ip("10.0.0.1"), &forwarded, &trusted), ip("2001:db8::7"));
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(resolve(ip("10.0.0.1"), &unknown, &trusted), ip("10.0.0.1"));
    }
}
