//! ISO 3166-1 countries and the regions (UN M49 continental regions) the directory groups them by.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
    Antarctica,
}

impl Region {
    pub const ALL: [Region; 6] =
        [Self::Africa, Self::Americas, Self::Asia, Self::Europe, Self::Oceania, Self::Antarctica];

    pub fn key(self) -> &'static str {
        match self {
            Self::Africa => "africa",
            Self::Americas => "americas",
            Self::Asia => "asia",
            Self::Europe => "europe",
            Self::Oceania => "oceania",
            Self::Antarctica => "antarctica",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Africa => "Africa",
            Self::Americas => "Americas",
            Self::Asia => "Asia",
            Self::Europe => "Europe",
            Self::Oceania => "Oceania",
            Self::Antarctica => "Antarctica",
        }
    }

    pub fn parse(key: &str) -> Option<Region> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub region: Region,
}

/// The country with this alpha-2 code, in any letter case.
pub fn country(code: &str) -> Option<&'static Country> {
    let code = code.trim().to_ascii_uppercase();
    COUNTRIES.binary_search_by(|c| c.code.cmp(code.as_str())).ok().map(|i| &COUNTRIES[i])
}

/// A validated ISO 3166-1 alpha-2 code, always upper-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(&'static Country);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, UnknownCountry> {
        country(raw).map(Self).ok_or_else(|| UnknownCountry(raw.trim().to_owned()))
    }

    pub fn as_str(&self) -> &'static str {
        self.0.code
    }

    pub fn country(&self) -> &'static Country {
        self.0
    }

    pub fn name(&self) -> &'static str {
        self.0.name
    }

    pub fn region(&self) -> Region {
        self.0.region
    }
}

impl PartialOrd for CountryCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CountryCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = UnknownCountry;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> Self {
        value.0.code.to_owned()
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an ISO 3166-1 country code")]
pub struct UnknownCountry(pub String);

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted by code, with the name in common use.
pub static COUNTRIES: &[Country] = &[
    Country { code: "AD", name: "Andorra", region: Region::Europe },
    Country { code: "AE", name: "United Arab Emirates", region: Region::Asia },
    Country { code: "AF", name: "Afghanistan", region: Region::Asia },
    Country { code: "AG", name: "Antigua and Barbuda", region: Region::Americas },
    Country { code: "AI", name: "Anguilla", region: Region::Americas },
    Country { code: "AL", name: "Albania", region: Region::Europe },
    Country { code: "AM", name: "Armenia", region: Region::Asia },
    Country { code: "AO", name: "Angola", region: Region::Africa },
    Country { code: "AQ", name: "Antarctica", region: Region::Antarctica },
    Country { code: "AR", name: "Argentina", region: Region::Americas },
    Country { code: "AS", name: "American Samoa", region: Region::Oceania },
    Country { code: "AT", name: "Austria", region: Region::Europe },
    Country { code: "AU", name: "Australia", region: Region::Oceania },
    Country { code: "AW", name: "Aruba", region: Region::Americas },
    Country { code: "AX", name: "Åland Islands", region: Region::Europe },
    Country { code: "AZ", name: "Azerbaijan", region: Region::Asia },
    Country { code: "BA", name: "Bosnia and Herzegovina", region: Region::Europe },
    Country { code: "BB", name: "Barbados", region: Region::Americas },
    Country { code: "BD", name: "Bangladesh", region: Region::Asia },
    Country { code: "BE", name: "Belgium", region: Region::Europe },
    Country { code: "BF", name: "Burkina Faso", region: Region::Africa },
    Country { code: "BG", name: "Bulgaria", region: Region::Europe },
    Country { code: "BH", name: "Bahrain", region: Region::Asia },
    Country { code: "BI", name: "Burundi", region: Region::Africa },
    Country { code: "BJ", name: "Benin", region: Region::Africa },
    Country { code: "BL", name: "Saint Barthélemy", region: Region::Americas },
    Country { code: "BM", name: "Bermuda", region: Region::Americas },
    Country { code: "BN", name: "Brunei", region: Region::Asia },
    Country { code: "BO", name: "Bolivia", region: Region::Americas },
    Country { code: "BQ", name: "Bonaire, Sint Eustatius and Saba", region: Region::Americas },
    Country { code: "BR", name: "Brazil", region: Region::Americas },
    Country { code: "BS", name: "Bahamas", region: Region::Americas },
    Country { code: "BT", name: "Bhutan", region: Region::Asia },
    Country { code: "BV", name: "Bouvet Island", region: Region::Americas },
    Country { code: "BW", name: "Botswana", region: Region::Africa },
    Country { code: "BY", name: "Belarus", region: Region::Europe },
    Country { code: "BZ", name: "Belize", region: Region::Americas },
    Country { code: "CA", name: "Canada", region: Region::Americas },
    Country { code: "CC", name: "Cocos (Keeling) Islands", region: Region::Oceania },
    Country { code: "CD", name: "Democratic Republic of the Congo", region: Region::Africa },
    Country { code: "CF", name: "Central African Republic", region: Region::Africa },
    Country { code: "CG", name: "Republic of the Congo", region: Region::Africa },
    Country { code: "CH", name: "Switzerland", region: Region::Europe },
    Country { code: "CI", name: "Côte d'Ivoire", region: Region::Africa },
    Country { code: "CK", name: "Cook Islands", region: Region::Oceania },
    Country { code: "CL", name: "Chile", region: Region::Americas },
    Country { code: "CM", name: "Cameroon", region: Region::Africa },
    Country { code: "CN", name: "China", region: Region::Asia },
    Country { code: "CO", name: "Colombia", region: Region::Americas },
    Country { code: "CR", name: "Costa Rica", region: Region::Americas },
    Country { code: "CU", name: "Cuba", region: Region::Americas },
    Country { code: "CV", name: "Cabo Verde", region: Region::Africa },
    Country { code: "CW", name: "Curaçao", region: Region::Americas },
    Country { code: "CX", name: "Christmas Island", region: Region::Oceania },
    Country { code: "CY", name: "Cyprus", region: Region::Asia },
    Country { code: "CZ", name: "Czechia", region: Region::Europe },
    Country { code: "DE", name: "Germany", region: Region::Europe },
    Country { code: "DJ", name: "Djibouti", region: Region::Africa },
    Country { code: "DK", name: "Denmark", region: Region::Europe },
    Country { code: "DM", name: "Dominica", region: Region::Americas },
    Country { code: "DO", name: "Dominican Republic", region: Region::Americas },
    Country { code: "DZ", name: "Algeria", region: Region::Africa },
    Country { code: "EC", name: "Ecuador", region: Region::Americas },
    Country { code: "EE", name: "Estonia", region: Region::Europe },
    Country { code: "EG", name: "Egypt", region: Region::Africa },
    Country { code: "EH", name: "Western Sahara", region: Region::Africa },
    Country { code: "ER", name: "Eritrea", region: Region::Africa },
    Country { code: "ES", name: "Spain", region: Region::Europe },
    Country { code: "ET", name: "Ethiopia", region: Region::Africa },
    Country { code: "FI", name: "Finland", region: Region::Europe },
    Country { code: "FJ", name: "Fiji", region: Region::Oceania },
    Country { code: "FK", name: "Falkland Islands", region: Region::Americas },
    Country { code: "FM", name: "Micronesia", region: Region::Oceania },
    Country { code: "FO", name: "Faroe Islands", region: Region::Europe },
    Country { code: "FR", name: "France", region: Region::Europe },
    Country { code: "GA", name: "Gabon", region: Region::Africa },
    Country { code: "GB", name: "United Kingdom", region: Region::Europe },
    Country { code: "GD", name: "Grenada", region: Region::Americas },
    Country { code: "GE", name: "Georgia", region: Region::Asia },
    Country { code: "GF", name: "French Guiana", region: Region::Americas },
    Country { code: "GG", name: "Guernsey", region: Region::Europe },
    Country { code: "GH", name: "Ghana", region: Region::Africa },
    Country { code: "GI", name: "Gibraltar", region: Region::Europe },
    Country { code: "GL", name: "Greenland", region: Region::Americas },
    Country { code: "GM", name: "Gambia", region: Region::Africa },
    Country { code: "GN", name: "Guinea", region: Region::Africa },
    Country { code: "GP", name: "Guadeloupe", region: Region::Americas },
    Country { code: "GQ", name: "Equatorial Guinea", region: Region::Africa },
    Country { code: "GR", name: "Greece", region: Region::Europe },
    Country { code: "GS", name: "South Georgia and the South Sandwich Islands", region: Region::Americas },
    Country { code: "GT", name: "Guatemala", region: Region::Americas },
    Country { code: "GU", name: "Guam", region: Region::Oceania },
    Country { code: "GW", name: "Guinea-Bissau", region: Region::Africa },
    Country { code: "GY", name: "Guyana", region: Region::Americas },
    Country { code: "HK", name: "Hong Kong", region: Region::Asia },
    Country { code: "HM", name: "Heard Island and McDonald Islands", region: Region::Oceania },
    Country { code: "HN", name: "Honduras", region: Region::Americas },
    Country { code: "HR", name: "Croatia", region: Region::Europe },
    Country { code: "HT", name: "Haiti", region: Region::Americas },
    Country { code: "HU", name: "Hungary", region: Region::Europe },
    Country { code: "ID", name: "Indonesia", region: Region::Asia },
    Country { code: "IE", name: "Ireland", region: Region::Europe },
    Country { code: "IL", name: "Israel", region: Region::Asia },
    Country { code: "IM", name: "Isle of Man", region: Region::Europe },
    Country { code: "IN", name: "India", region: Region::Asia },
    Country { code: "IO", name: "British Indian Ocean Territory", region: Region::Africa },
    Country { code: "IQ", name: "Iraq", region: Region::Asia },
    Country { code: "IR", name: "Iran", region: Region::Asia },
    Country { code: "IS", name: "Iceland", region: Region::Europe },
    Country { code: "IT", name: "Italy", region: Region::Europe },
    Country { code: "JE", name: "Jersey", region: Region::Europe },
    Country { code: "JM", name: "Jamaica", region: Region::Americas },
    Country { code: "JO", name: "Jordan", region: Region::Asia },
    Country { code: "JP", name: "Japan", region: Region::Asia },
    Country { code: "KE", name: "Kenya", region: Region::Africa },
    Country { code: "KG", name: "Kyrgyzstan", region: Region::Asia },
    Country { code: "KH", name: "Cambodia", region: Region::Asia },
    Country { code: "KI", name: "Kiribati", region: Region::Oceania },
    Country { code: "KM", name: "Comoros", region: Region::Africa },
    Country { code: "KN", name: "Saint Kitts and Nevis", region: Region::Americas },
    Country { code: "KP", name: "North Korea", region: Region::Asia },
    Country { code: "KR", name: "South Korea", region: Region::Asia },
    Country { code: "KW", name: "Kuwait", region: Region::Asia },
    Country { code: "KY", name: "Cayman Islands", region: Region::Americas },
    Country { code: "KZ", name: "Kazakhstan", region: Region::Asia },
    Country { code: "LA", name: "Laos", region: Region::Asia },
    Country { code: "LB", name: "Lebanon", region: Region::Asia },
    Country { code: "LC", name: "Saint Lucia", region: Region::Americas },
    Country { code: "LI", name: "Liechtenstein", region: Region::Europe },
    Country { code: "LK", name: "Sri Lanka", region: Region::Asia },
    Country { code: "LR", name: "Liberia", region: Region::Africa },
    Country { code: "LS", name: "Lesotho", region: Region::Africa },
    Country { code: "LT", name: "Lithuania", region: Region::Europe },
    Country { code: "LU", name: "Luxembourg", region: Region::Europe },
    Country { code: "LV", name: "Latvia", region: Region::Europe },
    Country { code: "LY", name: "Libya", region: Region::Africa },
    Country { code: "MA", name: "Morocco", region: Region::Africa },
    Country { code: "MC", name: "Monaco", region: Region::Europe },
    Country { code: "MD", name: "Moldova", region: Region::Europe },
    Country { code: "ME", name: "Montenegro", region: Region::Europe },
    Country { code: "MF", name: "Saint Martin", region: Region::Americas },
    Country { code: "MG", name: "Madagascar", region: Region::Africa },
    Country { code: "MH", name: "Marshall Islands", region: Region::Oceania },
    Country { code: "MK", name: "North Macedonia", region: Region::Europe },
    Country { code: "ML", name: "Mali", region: Region::Africa },
    Country { code: "MM", name: "Myanmar", region: Region::Asia },
    Country { code: "MN", name: "Mongolia", region: Region::Asia },
    Country { code: "MO", name: "Macao", region: Region::Asia },
    Country { code: "MP", name: "Northern Mariana Islands", region: Region::Oceania },
    Country { code: "MQ", name: "Martinique", region: Region::Americas },
    Country { code: "MR", name: "Mauritania", region: Region::Africa },
    Country { code: "MS", name: "Montserrat", region: Region::Americas },
    Country { code: "MT", name: "Malta", region: Region::Europe },
    Country { code: "MU", name: "Mauritius", region: Region::Africa },
    Country { code: "MV", name: "Maldives", region: Region::Asia },
    Country { code: "MW", name: "Malawi", region: Region::Africa },
    Country { code: "MX", name: "Mexico", region: Region::Americas },
    Country { code: "MY", name: "Malaysia", region: Region::Asia },
    Country { code: "MZ", name: "Mozambique", region: Region::Africa },
    Country { code: "NA", name: "Namibia", region: Region::Africa },
    Country { code: "NC", name: "New Caledonia", region: Region::Oceania },
    Country { code: "NE", name: "Niger", region: Region::Africa },
    Country { code: "NF", name: "Norfolk Island", region: Region::Oceania },
    Country { code: "NG", name: "Nigeria", region: Region::Africa },
    Country { code: "NI", name: "Nicaragua", region: Region::Americas },
    Country { code: "NL", name: "Netherlands", region: Region::Europe },
    Country { code: "NO", name: "Norway", region: Region::Europe },
    Country { code: "NP", name: "Nepal", region: Region::Asia },
    Country { code: "NR", name: "Nauru", region: Region::Oceania },
    Country { code: "NU", name: "Niue", region: Region::Oceania },
    Country { code: "NZ", name: "New Zealand", region: Region::Oceania },
    Country { code: "OM", name: "Oman", region: Region::Asia },
    Country { code: "PA", name: "Panama", region: Region::Americas },
    Country { code: "PE", name: "Peru", region: Region::Americas },
    Country { code: "PF", name: "French Polynesia", region: Region::Oceania },
    Country { code: "PG", name: "Papua New Guinea", region: Region::Oceania },
    Country { code: "PH", name: "Philippines", region: Region::Asia },
    Country { code: "PK", name: "Pakistan", region: Region::Asia },
    Country { code: "PL", name: "Poland", region: Region::Europe },
    Country { code: "PM", name: "Saint Pierre and Miquelon", region: Region::Americas },
    Country { code: "PN", name: "Pitcairn", region: Region::Oceania },
    Country { code: "PR", name: "Puerto Rico", region: Region::Americas },
    Country { code: "PS", name: "Palestine", region: Region::Asia },
    Country { code: "PT", name: "Portugal", region: Region::Europe },
    Country { code: "PW", name: "Palau", region: Region::Oceania },
    Country { code: "PY", name: "Paraguay", region: Region::Americas },
    Country { code: "QA", name: "Qatar", region: Region::Asia },
    Country { code: "RE", name: "Réunion", region: Region::Africa },
    Country { code: "RO", name: "Romania", region: Region::Europe },
    Country { code: "RS", name: "Serbia", region: Region::Europe },
    Country { code: "RU", name: "Russia", region: Region::Europe },
    Country { code: "RW", name: "Rwanda", region: Region::Africa },
    Country { code: "SA", name: "Saudi Arabia", region: Region::Asia },
    Country { code: "SB", name: "Solomon Islands", region: Region::Oceania },
    Country { code: "SC", name: "Seychelles", region: Region::Africa },
    Country { code: "SD", name: "Sudan", region: Region::Africa },
    Country { code: "SE", name: "Sweden", region: Region::Europe },
    Country { code: "SG", name: "Singapore", region: Region::Asia },
    Country { code: "SH", name: "Saint Helena, Ascension and Tristan da Cunha", region: Region::Africa },
    Country { code: "SI", name: "Slovenia", region: Region::Europe },
    Country { code: "SJ", name: "Svalbard and Jan Mayen", region: Region::Europe },
    Country { code: "SK", name: "Slovakia", region: Region::Europe },
    Country { code: "SL", name: "Sierra Leone", region: Region::Africa },
    Country { code: "SM", name: "San Marino", region: Region::Europe },
    Country { code: "SN", name: "Senegal", region: Region::Africa },
    Country { code: "SO", name: "Somalia", region: Region::Africa },
    Country { code: "SR", name: "Suriname", region: Region::Americas },
    Country { code: "SS", name: "South Sudan", region: Region::Africa },
    Country { code: "ST", name: "Sao Tome and Principe", region: Region::Africa },
    Country { code: "SV", name: "El Salvador", region: Region::Americas },
    Country { code: "SX", name: "Sint Maarten", region: Region::Americas },
    Country { code: "SY", name: "Syria", region: Region::Asia },
    Country { code: "SZ", name: "Eswatini", region: Region::Africa },
    Country { code: "TC", name: "Turks and Caicos Islands", region: Region::Americas },
    Country { code: "TD", name: "Chad", region: Region::Africa },
    Country { code: "TF", name: "French Southern Territories", region: Region::Africa },
    Country { code: "TG", name: "Togo", region: Region::Africa },
    Country { code: "TH", name: "Thailand", region: Region::Asia },
    Country { code: "TJ", name: "Tajikistan", region: Region::Asia },
    Country { code: "TK", name: "Tokelau", region: Region::Oceania },
    Country { code: "TL", name: "Timor-Leste", region: Region::Asia },
    Country { code: "TM", name: "Turkmenistan", region: Region::Asia },
    Country { code: "TN", name: "Tunisia", region: Region::Africa },
    Country { code: "TO", name: "Tonga", region: Region::Oceania },
    Country { code: "TR", name: "Türkiye", region: Region::Asia },
    Country { code: "TT", name: "Trinidad and Tobago", region: Region::Americas },
    Country { code: "TV", name: "Tuvalu", region: Region::Oceania },
    Country { code: "TW", name: "Taiwan", region: Region::Asia },
    Country { code: "TZ", name: "Tanzania", region: Region::Africa },
    Country { code: "UA", name: "Ukraine", region: Region::Europe },
    Country { code: "UG", name: "Uganda", region: Region::Africa },
    Country { code: "UM", name: "United States Minor Outlying Islands", region: Region::Oceania },
    Country { code: "US", name: "United States", region: Region::Americas },
    Country { code: "UY", name: "Uruguay", region: Region::Americas },
    Country { code: "UZ", name: "Uzbekistan", region: Region::Asia },
    Country { code: "VA", name: "Holy See", region: Region::Europe },
    Country { code: "VC", name: "Saint Vincent and the Grenadines", region: Region::Americas },
    Country { code: "VE", name: "Venezuela", region: Region::Americas },
    Country { code: "VG", name: "British Virgin Islands", region: Region::Americas },
    Country { code: "VI", name: "United States Virgin Islands", region: Region::Americas },
    Country { code: "VN", name: "Vietnam", region: Region::Asia },
    Country { code: "VU", name: "Vanuatu", region: Region::Oceania },
    Country { code: "WF", name: "Wallis and Futuna", region: Region::Oceania },
    Country { code: "WS", name: "Samoa", region: Region::Oceania },
    Country { code: "YE", name: "Yemen", region: Region::Asia },
    Country { code: "YT", name: "Mayotte", region: Region::Africa },
    Country { code: "ZA", name: "South Africa", region: Region::Africa },
    Country { code: "ZM", name: "Zambia", region: Region::Africa },
    Country { code: "ZW", name: "Zimbabwe", region: Region::Africa },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_by_code_without_duplicates_so_it_can_be_searched() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn the_list_holds_every_officially_assigned_code() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.iter().all(|c| c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn a_code_is_found_in_any_letter_case() {
        assert_eq!(country("ke").map(|c| c.name), Some("Kenya"));
        assert_eq!(CountryCode::parse(" tz ").map(|c| c.as_str()), Ok("TZ"));
    }

    #[test]
    fn an_unknown_code_is_refused() {
        assert_eq!(CountryCode::parse("XX"), Err(UnknownCountry("XX".into())));
        assert_eq!(CountryCode::parse("Kenya"), Err(UnknownCountry("Kenya".into())));
        assert_eq!(UnknownCountry("XX".into()).to_string(), "\"XX\" is not an ISO 3166-1 country code");
    }

    #[test]
    fn countries_sit_in_their_continental_region() {
        for (code, region) in [
            ("KE", Region::Africa),
            ("BR", Region::Americas),
            ("IN", Region::Asia),
            ("DE", Region::Europe),
            ("FJ", Region::Oceania),
            ("AQ", Region::Antarctica),
            // Outlying territories follow M49, not the nearest landmass: only AQ itself is Antarctica.
            ("BV", Region::Americas),
            ("GS", Region::Americas),
            ("HM", Region::Oceania),
            ("TF", Region::Africa),
            ("IO", Region::Africa),
            ("CX", Region::Oceania),
            ("RU", Region::Europe),
            ("TR", Region::Asia),
        ] {
            assert_eq!(country(code).map(|c| c.region), Some(region), "{code}");
        }
    }

    #[test]
    fn a_region_round_trips_through_its_key() {
        for region in Region::ALL {
            assert_eq!(Region::parse(region.key()), Some(region));
        }
        assert_eq!(Region::parse("Atlantis"), None);
    }

    #[test]
    fn only_antarctica_itself_is_in_the_antarctica_region() {
        let codes: Vec<_> = COUNTRIES.iter().filter(|c| c.region == Region::Antarctica).map(|c| c.code).collect();
        assert_eq!(codes, ["AQ"]);
    }

    #[test]
    fn a_country_code_converts_to_and_from_its_string() {
        let code = CountryCode::try_from("gb".to_owned()).map_err(|e| e.to_string());
        assert_eq!(code.as_ref().map(|c| c.to_string()), Ok("GB".to_owned()));
        assert_eq!(code.as_ref().map(|c| (c.name(), c.region())), Ok(("United Kingdom", Region::Europe)));
        assert_eq!(code.map(String::from), Ok("GB".to_owned()));
    }
}
