//! The OpenAPI 3.1 document of the API, generated from the handlers' annotations. Who may call each
//! operation comes from the route table itself: an operation the policy keeps from anonymous visitors
//! asks for a bearer token, and its description names the policy action that guards it.

use super::problem::{FieldProblem, PROBLEM_JSON, Problem};
use super::{accounts, agreements, applications, organizations, partners, posts, webhooks};
use crate::routes::route_table;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use opo_domain::policy::{self, Actor};
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OPO Portal API",
        description = "The partnership workflow of OPO Portal, from the expression of interest to the announcement.\n\n\
            Authenticate with an API token: `Authorization: Bearer opo_…`. A person creates one on their account page or \
            with `POST /api/v1/tokens`; an applicant exchanges the sign-in link e-mailed after `POST /api/v1/interest` \
            for one with `POST /api/v1/auth/link`.\n\n\
            Every error is a problem details document (RFC 9457, `application/problem+json`) with `type`, `title`, \
            `status` and `detail`, and for invalid input `errors`: the fields and what is wrong with each.",
        license(name = "MPL-2.0")
    ),
    paths(
        accounts::me,
        accounts::list_tokens,
        accounts::create_token,
        accounts::revoke_token,
        accounts::exchange_link,
        applications::interest,
        applications::list,
        applications::detail,
        applications::set_contact,
        applications::schedule_call,
        applications::record_call,
        applications::invite,
        applications::save_form,
        applications::upload_logo,
        applications::submit,
        applications::send_to_committee,
        applications::vote,
        applications::request_info,
        applications::answer,
        applications::decide,
        applications::draft_page,
        applications::propose_version,
        applications::comment,
        applications::approve_version,
        applications::compare,
        applications::announce,
        applications::withdraw,
        applications::decline,
        agreements::current,
        agreements::sign,
        agreements::verify,
        partners::list,
        partners::detail,
        posts::create,
        posts::detail,
        posts::publish,
        posts::submit,
        organizations::list,
        organizations::detail,
        organizations::contacts,
        organizations::invite,
        organizations::change,
        organizations::remove,
        webhooks::discourse,
        document,
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&FromRouteTable),
    tags(
        (name = "applications", description = "The partnership workflow, step by step"),
        (name = "agreement", description = "The partner agreement and its signatures"),
        (name = "partners", description = "The public partner directory"),
        (name = "posts", description = "Showcase posts: blogs, impact stories, webinars"),
        (name = "organizations", description = "The roster of organizations and their contacts"),
        (name = "accounts", description = "Who is asking, and API tokens"),
        (name = "webhooks", description = "Deliveries from the community forum"),
        (name = "meta", description = "This document")
    )
)]
struct ApiDoc;

/// Adds what the route table knows: the bearer scheme on the operations the policy keeps from
/// anonymous visitors, the action that guards each operation, and problem details as the answer to
/// any error.
struct FromRouteTable;

fn operation_mut<'a>(item: &'a mut PathItem, method: &str) -> Option<&'a mut Operation> {
    match method {
        "GET" => item.get.as_mut(),
        "POST" => item.post.as_mut(),
        _ => None,
    }
}

impl utoipa::Modify for FromRouteTable {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("opo_…").build()),
        );
        let problem = ResponseBuilder::new()
            .description("Problem details (RFC 9457)")
            .content(PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
            .build();
        components.responses.insert("Problem".to_owned(), RefOr::T(problem));
        for route in route_table() {
            let Some(operation) =
                openapi.paths.paths.get_mut(route.path).and_then(|item| operation_mut(item, route.method))
            else {
                continue;
            };
            if !policy::allows(Actor::Anonymous, route.action) {
                operation.security = Some(vec![SecurityRequirement::new("bearer", Vec::<String>::new())]);
            }
            let guard = format!("Guarded by the policy action `{:?}`.", route.action);
            operation.description = Some(match operation.description.take() {
                Some(text) if !text.is_empty() => format!("{text}\n\n{guard}"),
                _ => guard,
            });
            for range in ["4XX", "5XX"] {
                operation.responses.responses.insert(range.to_owned(), RefOr::Ref(Ref::from_response_name("Problem")));
            }
        }
    }
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "get_openapi_document",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
pub(crate) async fn document() -> Response {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    let json = DOCUMENT.get_or_init(|| {
        ApiDoc::openapi().to_pretty_json().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the OpenAPI document does not serialize");
            String::from("{}")
        })
    });
    let mut response = json.clone().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
