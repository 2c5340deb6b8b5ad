# Portal OPO, español. Todos los archivos de idioma tienen los mismos identificadores de mensaje (una prueba lo comprueba).
# Variables: $community es el nombre de la comunidad (OpenHIE), $count un número.

## El marco de cada página
site-name = Organizaciones socias de { $community }
skip-to-content = Saltar al contenido
nav-main = Menú principal
nav-partners = Socios
nav-map = Mapa
nav-news = Noticias
nav-statistics = Estadísticas
nav-become = Hacerse socio
nav-my-home = Mi espacio
nav-your-account = Su cuenta
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
footer-questions = ¿Tiene preguntas? Escriba a la secretaría:
footer-directory = Directorio de socios
footer-open-data = Datos abiertos
language-label = Idioma
language-button = Cambiar

## Recuentos
count-partners = { $count ->
    [one] { $count } organización socia
   *[other] { $count } organizaciones socias
}
count-countries = { $count ->
    [one] { $count } país
   *[other] { $count } países
}
count-years = { $count ->
    [one] { $count } año
   *[other] { $count } años
}

## Página de inicio
landing-title = Organizaciones socias de { $community }
landing-description = Organizaciones que ayudan a la comunidad { $community } a fortalecer los sistemas de información de salud: quiénes son, qué hacen y cómo convertirse en socio.
landing-eyebrow = Programa de Organizaciones Socias de { $community }
landing-heading = Organizaciones que trabajan juntas por mejores sistemas de información de salud
landing-lead = Las organizaciones socias dedican su tiempo a la comunidad { $community }: desarrollan estándares, apoyan implementaciones, crean software y fortalecen capacidades, en solidaridad con los países a los que sirven. A cambio, la comunidad las pone en contacto con colaboradores, les da acceso a conocimientos y les ofrece una plataforma para dar a conocer su trabajo.
landing-explore = Conozca a los socios
landing-stats = El programa en cifras
landing-stat-partners = Socios
landing-stat-countries = Países donde trabajan
landing-our-partners = Nuestros socios
landing-see-all = Ver las { $count } organizaciones socias →
landing-no-partners = Todavía no hay socios en el directorio.
landing-news = Últimas noticias e historias
landing-no-news = Todavía no hay noticias.
landing-webinars = Próximos seminarios web
landing-no-webinars = No hay seminarios web programados por ahora.
landing-why = ¿Por qué asociarse con { $community }?
landing-why-collaborators = Encuentre colaboradores
landing-why-collaborators-text = Conozca organizaciones y equipos de país que comparten sus objetivos, y colabore con ellos en implementaciones.
landing-why-direction = Contribuya a definir el rumbo
landing-why-direction-text = Ayude a actualizar el plan estratégico de la comunidad y a resolver cuestiones relativas a la arquitectura.
landing-why-showcase = Dé a conocer su trabajo
landing-why-showcase-text = Figure en el directorio con un perfil de sus capacidades, y destaque su trabajo en blogs, historias de impacto y seminarios web.
landing-why-learn = Aprenda y apoye
landing-why-learn-text = Conozca las nuevas iniciativas de los países y apóyelas a través de la comunidad.
landing-how = Cómo convertirse en socio
landing-step-interest = Manifieste su interés
landing-step-interest-text = Presente su organización a la secretaría e indique el papel que desea desempeñar.
landing-step-call = Llamada de presentación
landing-step-call-text = La secretaría o un miembro del Comité Operativo organiza una llamada para conversar sobre el papel que desea desempeñar.
landing-step-apply = Presente su solicitud
landing-step-apply-text = Envíe una declaración de apoyo, su logotipo y una dirección de correo electrónico de contacto, y firme el acuerdo de asociación.
landing-step-review = Revisión del Comité
landing-step-review-text = El Comité Operativo revisa su solicitud y puede pedir más información.
landing-step-page = Su página de socio
landing-step-page-text = La secretaría redacta su página de socio y se la envía para que la revise.
landing-step-welcome = ¡Le damos la bienvenida!
landing-step-welcome-text = Su asociación se anuncia a la comunidad. La secretaría se pone en contacto con usted una vez al año, y el acuerdo se renueva cada tres años.
landing-express-interest = Manifieste su interés

## Directorio de socios
directory-title = Directorio de socios
directory-title-page = Directorio de socios, página { $page }
directory-title-search = Búsqueda de socios
directory-description = Las organizaciones socias de la comunidad { $community }, y lo que hace cada una.
directory-heading = Directorio de socios
directory-page-of = página { $page } de { $pages }
directory-search-form = Buscar y filtrar los socios
directory-search = Buscar
directory-search-placeholder = Nombre, capacidad, país, tema…
directory-facet-capability = Capacidad
directory-facet-component = Componente de la arquitectura
directory-facet-region = Región
directory-facet-country = País donde trabaja
directory-facet-type = Tipo de organización
directory-facet-joined = Año de incorporación
directory-order = Ordenar por
directory-order-name = Nombre
directory-order-best = Relevancia
directory-order-newest = Socios más recientes
directory-apply = Aplicar
directory-clear = Borrar todo
directory-view = Vista
directory-grid = Cuadrícula
directory-list = Lista
directory-no-match = Ningún socio coincide. Pruebe con menos filtros o con otras palabras.
directory-empty = Todavía no hay socios en el directorio.
directory-capabilities = Capacidades
pages = Páginas
page-previous = ← Anterior
page-next = Siguiente →
page-newer = ← Más recientes
page-older = Más antiguas →

## Perfil de un socio
profile-breadcrumb = Ruta de navegación
profile-logo = Logotipo de { $name }
profile-since = Socio desde
profile-visit = Visitar { $host }
profile-about = Acerca de
profile-capabilities = Capacidades
profile-activities = Actividades de implementación en los países
profile-news = Noticias e historias
profile-subscribe = Suscribirse a las noticias de { $name } (Atom)
profile-components = Componentes de la arquitectura
profile-works-in = Trabaja en { $countries }
profile-elsewhere = En otros sitios
profile-partnership = Asociación
profile-agreement-in-force = Acuerdo de asociación vigente hasta el { $date }.
profile-agreement-expired = El acuerdo de asociación venció el { $date }.

## Noticias
news-title = Noticias e historias
news-description = Anuncios, blogs, historias de impacto, artículos de opinión y seminarios web de los socios.
news-subscribe = Suscribirse (Atom)
news-calendar = Calendario de seminarios web
news-kinds = Tipos de publicación
news-all = Todas
news-nothing = Todavía no hay nada aquí.
news-join = Unirse al seminario web
news-add-to-calendar = Añadir a su calendario
news-partners = Socios que aparecen en esta historia

## Mapa
map-title = Dónde trabajan los socios
map-description = Un mapa mundial de los países en los que trabajan las organizaciones socias.
map-lead = Cada país está sombreado según el número de organizaciones socias que trabajan en él. Elija un país para ver sus socios.
map-label = Mapa mundial de los países donde trabajan los socios
map-legend = Leyenda
map-none = ninguno
map-many = 7 o más
map-countries = Países
map-no-countries = Ningún socio indica todavía un país donde trabaje.
map-country-partners = { $country }: { $count ->
    [one] { $count } socio
   *[other] { $count } socios
}

## Estadísticas
stats-title = Estadísticas
stats-description = Cuántos socios tiene el programa, dónde trabajan y qué hacen.
stats-heading = El programa en cifras
stats-lead = Recuento de los socios que figuran hoy en el directorio. Las cifras de cada gráfico están en la tabla que aparece debajo.
stats-growth = Socios a lo largo del tiempo (socios en el directorio al final de cada año)
stats-regions = Socios que trabajan en cada región
stats-capabilities = Socios por capacidad
stats-types = Socios por tipo de organización
stats-numbers = Las cifras
stats-what = Categoría

## Datos abiertos
open-data-title = Datos abiertos
open-data-description = El directorio de socios como datos abiertos: CSV y JSON, con su esquema y su licencia.
open-data-lead = Los campos públicos de cada socio, de libre reutilización bajo la licencia { $license }: cite a la comunidad como fuente.
open-data-fhir = Recursos FHIR Organization
open-data-fields = Campos
open-data-fields-note = El CSV tiene una fila por organización y estas columnas, en este orden; en el JSON, las listas son arreglos (arrays).
open-data-field = Campo
open-data-meaning = Contenido

## Inicio de sesión
sign-in-title = Iniciar sesión
sign-in-description = Inicie sesión en el portal de socios.
sign-in-lead = Los socios, los miembros del comité y la secretaría inician sesión aquí. Le enviamos por correo electrónico un enlace para iniciar sesión; no se necesita contraseña.
sign-in-email = Correo electrónico
sign-in-send-link = Enviarme un enlace de inicio de sesión
sign-in-password-instead = Iniciar sesión con contraseña
sign-in-password = Contraseña
sign-in-button = Iniciar sesión
sign-in-password-note = Una vez que haya iniciado sesión, puede establecer una contraseña en la página de su cuenta.
sign-in-signed-out = Ha cerrado sesión.
sign-in-check-mail = Revise su correo electrónico
sign-in-check-mail-lead = Si { $email } corresponde a una cuenta, un enlace de inicio de sesión va en camino. Funciona una sola vez, durante { $minutes } minutos.
sign-in-nothing-arrived = ¿No ha recibido nada? Revise su carpeta de correo no deseado o solicite otro enlace.
sign-in-ask-again = solicite otro enlace
sign-in-press = Haga clic en el botón para completar el inicio de sesión.

## Errores
error-label = Error { $status }
error-home = Ir a la página de inicio
error-browse = Explorar los socios

## Vocabularios que conoce el código
org-type-ngo = Organización sin fines de lucro
org-type-company = Empresa
org-type-academic = Institución académica o de investigación
org-type-government = Organismo gubernamental
org-type-multilateral = Organización multilateral
org-type-foundation = Fundación
org-type-open-source-community = Comunidad de código abierto
status-prospect = Solicitud en curso
status-active = Socio activo
status-renewal-due = Socio activo, renovación pendiente
status-in-grace = Acuerdo vencido, en período de gracia
status-lapsed = Asociación caducada
status-withdrawn = Retirado
status-ended = Asociación finalizada
region-africa = África
region-americas = Américas
region-asia = Asia
region-europe = Europa
region-oceania = Oceanía
region-antarctica = Antártida
post-kind-announcement = Anuncio
post-kind-blog = Blog
post-kind-impact-story = Historia de impacto
post-kind-thought-piece = Artículo de opinión
post-kind-webinar = Seminario web
capability-standards-development = Desarrollo de estándares
capability-implementation-support = Apoyo a la implementación
capability-software-application-support = Soporte de aplicaciones de software
capability-capacity-strengthening = Fortalecimiento de capacidades
capability-research = Investigación
capability-funding = Financiamiento
component-interoperability-layer = Capa de interoperabilidad
component-client-registry = Registro de clientes
component-facility-registry = Registro de establecimientos
component-health-worker-registry = Registro de trabajadores de salud
component-terminology-service = Servicio de terminología
component-shared-health-record = Historia clínica compartida
component-product-catalogue = Catálogo de productos
component-hmis = Sistema de información para la gestión de la salud
component-lmis = Sistema de información para la gestión logística
component-finance-insurance = Servicio de finanzas y seguros
component-point-of-service = Aplicaciones de punto de atención
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $day } de { $month } de { $year }
date-month-year = { $month } de { $year }

## Páginas con sesión iniciada
account-title = Su cuenta
account-name = Nombre
account-email = Correo electrónico
account-role = Rol
account-organization = Organización
account-last-sign-in = Último inicio de sesión
account-password-note = Opcional: siempre puede iniciar sesión con un enlace enviado a su correo electrónico. Use al menos 10 caracteres; no se aceptan contraseñas comunes.
account-new-password = Nueva contraseña
account-confirm-password = Repita la contraseña
account-save-password = Guardar la contraseña
portal-eyebrow = Portal de socios
portal-record = Ficha de su organización
portal-no-organization = Su cuenta todavía no está vinculada a ninguna organización. Escriba a la secretaría.
portal-record-eyebrow = Ficha de la organización
portal-public-profile = Perfil público
portal-application = Solicitud
portal-agreement = Acuerdo de asociación
portal-none-shared = Todavía no se ha compartido ninguna actividad.
portal-remove = Eliminar
portal-country = País
portal-activity-title = Qué hace allí su organización
portal-activity-description = Más detalles (Markdown, opcional)
portal-activity-link = Un enlace (opcional)
portal-share-activity = Compartir la actividad
portal-consent-note = Los blogs, historias de impacto, artículos de opinión y seminarios web en los que aparece la organización solo se publican mientras su consentimiento esté vigente.
portal-no-consent = No hay ningún consentimiento registrado.
portal-withdraw = Retirar
portal-give-consent = Dar el consentimiento para
portal-record-consent = Registrar el consentimiento
portal-contacts = Contactos
portal-no-contacts = No hay contactos registrados.
portal-mail-poc = Contacto para la correspondencia
staff-emails-waiting = Correos en espera
staff-emails-failed = Correos fallidos
staff-applications = Solicitudes por etapa
staff-no-applications = Todavía no hay solicitudes.
staff-recent = Actividad reciente
staff-audit-link = El registro de auditoría completo →
staff-posts-link = Publicaciones →
admin-title = Administración
admin-audit-text = Quién hizo qué, cuándo y desde dónde, con los valores anteriores y posteriores.
admin-overview-text = Los socios y las solicitudes de un vistazo.
form-please-fix = Corrija lo siguiente:
admin-invite = Invitar a una persona
admin-organization-slug = Organización (para los contactos de un socio: su identificador o slug)
admin-send-invitation = Enviar la invitación
admin-everyone = Todas las cuentas
admin-deactivated = desactivada
admin-change-role = Cambiar el rol
admin-deactivate = Desactivar
admin-reactivate = Reactivar
admin-you = usted
admin-filter-who = Quién (parte del nombre o de la dirección)
admin-filter-action = Acción (comienzo, como account.)
admin-filter-subject = Tipo de objeto (user, organization, …)
admin-filter-from = Desde (fecha)
admin-filter-until = Hasta (fecha)
admin-filter = Filtrar
admin-clear = Borrar
admin-no-entries = Ninguna entrada coincide.
admin-outbox-note = Todos los correos electrónicos que envía el servicio, del más reciente al más antiguo. Los envíos se reintentan con intervalos cada vez mayores; un mensaje que falló definitivamente puede volver a ponerse en cola.
admin-no-email = Todavía no hay correos electrónicos.
admin-forum-topics = Temas del foro
admin-forum-note = Los temas publicados en el foro de la comunidad, del más reciente al más antiguo. Si el foro no está disponible, se reintenta con intervalos cada vez mayores; un tema que el foro rechaza (una clave de API incorrecta, por ejemplo) no se reintenta y se muestra su respuesta.
admin-topic = Abrir el tema
admin-retry = Reintentar
posts-write = Escribir una publicación
posts-none = Todavía no hay publicaciones.
posts-kind-of-post = Tipo de publicación
posts-summary = Resumen (una o dos oraciones)
posts-text = Texto (Markdown)
posts-for-webinar = Para un seminario web
posts-day = Día
posts-starts = Hora de inicio (UTC)
posts-join-link = Enlace para unirse
posts-consent = Damos nuestro consentimiento para aparecer en este tipo de publicación.
posts-partner = Socio al que se refiere (slug, opcional)
posts-publish = Publicar
posts-unpublish = Volver a borrador
account-change-password = Cambiar su contraseña
account-set-password = Establecer una contraseña
account-tokens-title = Tokens de API
account-tokens-note = Un token permite que otro sistema actúe en su nombre a través de la API REST (vea /api/v1/openapi.json). Se muestra una sola vez, al crearlo; revóquelo cuando ya no se necesite.
account-tokens-none = No tiene tokens de API.
account-token-name = Nombre del token
account-token-created-at = Creado
account-token-last-used = Último uso
account-token-create = Crear un token
account-token-revoke = Revocar
account-token-created = Este es su nuevo token. Cópielo ahora: no se volverá a mostrar.
account-token-revoked = El token está revocado.
portal-welcome = Le damos la bienvenida, { $name }
portal-contact-of = Figura como contacto de { $organization }.
portal-posts-about = Publicaciones sobre { $name }
portal-consent = Consentimiento para aparecer en publicaciones
portal-consent-given = otorgado el
portal-consent-withdrawn = retirado el
staff-stage = Etapa
staff-applications-count = Solicitudes
admin-when = Cuándo
admin-who = Quién
admin-from = Origen
admin-action = Acción
admin-subject = Objeto
admin-before = Antes
admin-after = Después
admin-accounts = Cuentas
admin-audit = Registro de auditoría
admin-outbox = Bandeja de salida
admin-overview = Resumen del programa
admin-change = Cambiar
admin-queued = Puesto en cola
admin-to = Destinatario
admin-subject-line = Asunto
admin-status = Estado
admin-attempts = Intentos
admin-detail = Detalle
posts-title = Título
posts-kind = Tipo
posts-changed = Última modificación
posts-send = Enviar a la secretaría
posts-save = Guardar
admin-accounts-text = { $count ->
    [one] { $count } cuenta. Invite a personas, cambie roles, desactive cuentas.
   *[other] { $count } cuentas. Invite a personas, cambie roles, desactive cuentas.
}
admin-outbox-text = { $waiting } correos en espera, { $failed } fallidos.
staff-committee = Comité
staff-committee-intro = Solicitudes por etapa, para el Comité Operativo.
staff-secretariat = Secretaría
staff-secretariat-intro = El programa de un vistazo: socios, solicitudes, correo electrónico y actividad reciente.
stage-interest = Interés manifestado
stage-intro_call = Llamada de presentación
stage-invited = Invitación a presentar la solicitud
stage-submitted = Solicitud presentada
stage-under_review = Revisión del Comité
stage-info_requested = Se solicitó más información
stage-approved = Solicitud aprobada
stage-page_review = Revisión de la página de socio
stage-announced = Asociación anunciada
stage-declined = Solicitud rechazada
stage-withdrawn = Solicitud retirada
error-not-found = Página no encontrada
error-bad-request = No se puede responder a esta solicitud
error-sign-in = Inicie sesión
error-unauthenticated = No se pudo iniciar sesión
error-forbidden = Acceso no permitido
error-too-many = Demasiados intentos
error-conflict = Esto entra en conflicto con lo que ya existe
error-unavailable = Volvemos en un momento
error-internal = Algo salió mal por nuestra parte
