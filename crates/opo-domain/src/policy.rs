//! The authorization policy: which role may take which action. Every route of the web layer names the
//! action it performs, and this table alone decides who may perform it.

use crate::accounts::Role;

/// Who is asking: a visitor who has not signed in, or a person with a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Anonymous,
    Signed(Role),
}

impl Actor {
    /// Every kind of actor, for tests that walk the whole matrix.
    pub const ALL: [Actor; 5] = [
        Self::Anonymous,
        Self::Signed(Role::PartnerContact),
        Self::Signed(Role::Committee),
        Self::Signed(Role::Secretariat),
        Self::Signed(Role::Admin),
    ];
}

/// What a route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read the public site: landing page, directory, profiles, logos.
    ViewPublicSite,
    /// Read static assets (styles, scripts, icons).
    ViewAssets,
    /// Ask whether the service is alive.
    CheckHealth,
}

impl Action {
    pub const ALL: [Action; 3] = [Self::ViewPublicSite, Self::ViewAssets, Self::CheckHealth];
}

/// Whether `actor` may take `action`.
pub fn allows(actor: Actor, action: Action) -> bool {
    match action {
        Action::ViewPublicSite | Action::ViewAssets | Action::CheckHealth => {
            matches!(actor, Actor::Anonymous | Actor::Signed(_))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_may_read_the_public_site_and_its_assets() {
        for actor in Actor::ALL {
            for action in Action::ALL {
                assert!(allows(actor, action), "{actor:?} {action:?}");
            }
        }
    }
}
