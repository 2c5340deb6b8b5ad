//! The REST API under `/api/v1`.

use crate::routes::Routes;

pub(crate) fn routes(routes: Routes) -> Routes {
    routes
}
