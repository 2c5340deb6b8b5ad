# Portal OPO, português. Todos os arquivos de idioma têm os mesmos identificadores de mensagem (um teste verifica isso).
# Variáveis: $community é o nome da comunidade (OpenHIE), $count um número.

## A moldura de cada página
site-name = Organizações parceiras da { $community }
skip-to-content = Ir para o conteúdo
nav-main = Menu principal
nav-partners = Parceiros
nav-map = Mapa
nav-news = Notícias
nav-statistics = Estatísticas
nav-become = Tornar-se parceiro
nav-my-home = Área pessoal
nav-your-account = Conta
nav-sign-in = Entrar
nav-sign-out = Sair
footer-questions = Dúvidas? Escreva ao secretariado:
footer-directory = Diretório de parceiros
footer-open-data = Dados abertos
language-label = Idioma
language-button = Alterar

## Contagens
count-partners = { $count ->
    [one] { $count } organização parceira
   *[other] { $count } organizações parceiras
}
count-countries = { $count ->
    [one] { $count } país
   *[other] { $count } países
}
count-years = { $count ->
    [one] { $count } ano
   *[other] { $count } anos
}

## Página inicial
landing-title = Organizações parceiras da { $community }
landing-description = Organizações que ajudam a comunidade { $community } a fortalecer os sistemas de informação em saúde: quem são, o que fazem e como se tornar parceiro.
landing-eyebrow = Programa de Organizações Parceiras da { $community }
landing-heading = Organizações que trabalham juntas por melhores sistemas de informação em saúde
landing-lead = As organizações parceiras dedicam o seu tempo à comunidade { $community }: desenvolvem padrões, apoiam implementações, criam software e fortalecem capacidades, em solidariedade com os países que servem. Em troca, a comunidade oferece acesso a colaboradores, a conhecimento e a uma plataforma para divulgar o seu trabalho.
landing-explore = Conheça os parceiros
landing-stats = O programa em números
landing-stat-partners = Parceiros
landing-stat-countries = Países de atuação
landing-our-partners = Os nossos parceiros
landing-see-all = Ver as { $count } organizações parceiras →
landing-no-partners = Ainda não há parceiros no diretório.
landing-news = Últimas notícias e histórias
landing-no-news = Ainda não há notícias.
landing-webinars = Próximos webinars
landing-no-webinars = Não há webinars agendados no momento.
landing-why = Quais as vantagens de ser parceiro da { $community }?
landing-why-collaborators = Encontre colaboradores
landing-why-collaborators-text = Conheça organizações e profissionais nos países que têm os mesmos objetivos, e colabore com eles em implementações.
landing-why-direction = Ajude a definir o rumo
landing-why-direction-text = Contribua para a evolução do plano estratégico da comunidade e para a resolução de questões da arquitetura.
landing-why-showcase = Divulgue o seu trabalho
landing-why-showcase-text = Figure no diretório com um perfil das suas capacidades, e destaque o seu trabalho em blogs, histórias de impacto e webinars.
landing-why-learn = Aprenda e apoie
landing-why-learn-text = Conheça as novas iniciativas dos países e apoie-as por meio da comunidade.
landing-how = Como se tornar parceiro
landing-step-interest = Manifeste o seu interesse
landing-step-interest-text = Apresente a sua organização ao secretariado e indique o papel que gostaria de desempenhar.
landing-step-call = Conversa inicial
landing-step-call-text = O secretariado ou um membro do Comitê Operacional marca uma chamada para conversar sobre o papel pretendido.
landing-step-apply = Apresente a candidatura
landing-step-apply-text = Envie uma declaração de apoio, o seu logotipo e um endereço de e-mail para correspondência, e assine o acordo de parceria.
landing-step-review = Análise pelo Comitê
landing-step-review-text = O Comitê Operacional analisa a sua candidatura e pode pedir mais informações.
landing-step-page = A sua página de parceiro
landing-step-page-text = O secretariado redige a sua página de parceiro e submete o rascunho à sua revisão.
landing-step-welcome = Boas-vindas!
landing-step-welcome-text = A sua parceria é anunciada à comunidade. O secretariado faz um acompanhamento uma vez por ano, e o acordo é renovado a cada três anos.
landing-express-interest = Manifeste o seu interesse

## Diretório de parceiros
directory-title = Diretório de parceiros
directory-title-page = Diretório de parceiros, página { $page }
directory-title-search = Pesquisa de parceiros
directory-description = As organizações parceiras da comunidade { $community }, e o que cada uma faz.
directory-heading = Diretório de parceiros
directory-page-of = página { $page } de { $pages }
directory-search-form = Pesquisar e filtrar os parceiros
directory-search = Pesquisar
directory-search-placeholder = Nome, capacidade, país, tema…
directory-facet-capability = Capacidade
directory-facet-component = Componente da arquitetura
directory-facet-region = Região
directory-facet-country = País de atuação
directory-facet-type = Tipo de organização
directory-facet-joined = Ano de adesão
directory-order = Ordenar por
directory-order-name = Nome
directory-order-best = Relevância
directory-order-newest = Parceiros mais recentes
directory-apply = Aplicar
directory-clear = Limpar tudo
directory-view = Visualização
directory-grid = Mosaico
directory-list = Lista
directory-no-match = Nenhum parceiro corresponde à pesquisa. Experimente menos filtros ou outras palavras.
directory-empty = Ainda não há parceiros no diretório.
directory-capabilities = Capacidades
pages = Páginas
page-previous = ← Anterior
page-next = Seguinte →
page-newer = ← Mais recentes
page-older = Mais antigas →

## Perfil de um parceiro
profile-breadcrumb = Navegação estrutural
profile-logo = Logotipo de { $name }
profile-since = Parceiro desde
profile-visit = Visitar { $host }
profile-about = Sobre
profile-capabilities = Capacidades
profile-activities = Atividades de implementação nos países
profile-news = Notícias e histórias
profile-subscribe = Seguir as notícias de { $name } (Atom)
profile-components = Componentes da arquitetura
profile-works-in = Atua em { $countries }
profile-elsewhere = Também na web
profile-partnership = Parceria
profile-agreement-in-force = Acordo de parceria em vigor até { $date }.
profile-agreement-expired = O acordo de parceria expirou em { $date }.

## Notícias
news-title = Notícias e histórias
news-description = Anúncios, blogs, histórias de impacto, artigos de reflexão e webinars dos parceiros.
news-subscribe = Seguir (Atom)
news-calendar = Calendário de webinars
news-kinds = Tipos de publicação
news-all = Todas
news-nothing = Ainda não há nada aqui.
news-join = Entrar no webinar
news-add-to-calendar = Adicionar ao calendário
news-partners = Parceiros nesta história

## Mapa
map-title = Onde os parceiros atuam
map-description = Um mapa-múndi dos países onde as organizações parceiras atuam.
map-lead = A cor de cada país varia conforme o número de organizações parceiras que nele atuam. Escolha um país para ver os seus parceiros.
map-label = Mapa-múndi dos países onde os parceiros atuam
map-legend = Legenda
map-none = nenhum
map-many = 7 ou mais
map-countries = Países
map-no-countries = Nenhum parceiro indicou ainda um país de atuação.
map-country-partners = { $country }: { $count ->
    [one] { $count } parceiro
   *[other] { $count } parceiros
}

## Estatísticas
stats-title = Estatísticas
stats-description = Quantos parceiros o programa tem, onde atuam e o que fazem.
stats-heading = O programa em números
stats-lead = Contagem dos parceiros que constam hoje do diretório. Os números de cada gráfico estão na tabela logo abaixo dele.
stats-growth = Parceiros ao longo do tempo (parceiros no diretório no final de cada ano)
stats-regions = Parceiros que atuam em cada região
stats-capabilities = Parceiros por capacidade
stats-types = Parceiros por tipo de organização
stats-numbers = Os números
stats-what = Categoria

## Dados abertos
open-data-title = Dados abertos
open-data-description = O diretório de parceiros como dados abertos: CSV e JSON, com esquema e licença.
open-data-lead = Os campos públicos de cada parceiro, de reutilização livre nos termos da licença { $license }: cite a comunidade como fonte.
open-data-fhir = Recursos FHIR Organization
open-data-fields = Campos
open-data-fields-note = O CSV tem uma linha por organização e estas colunas, nesta ordem; no JSON, as listas são arrays.
open-data-field = Campo
open-data-meaning = Conteúdo

## Acesso
sign-in-title = Entrar
sign-in-description = Acesso ao portal dos parceiros.
sign-in-lead = Parceiros, membros do comitê e o secretariado entram aqui. Enviamos por e-mail um link de acesso; não é necessária senha.
sign-in-email = Endereço de e-mail
sign-in-send-link = Receber um link de acesso por e-mail
sign-in-password-instead = Entrar com senha
sign-in-password = Senha
sign-in-button = Entrar
sign-in-password-note = Depois de entrar, é possível definir uma senha na página da conta.
sign-in-signed-out = Sessão encerrada.
sign-in-check-mail = Verifique o seu e-mail
sign-in-check-mail-lead = Se { $email } pertencer a uma conta, um link de acesso está a caminho. Funciona uma única vez, durante { $minutes } minutos.
sign-in-nothing-arrived = Não recebeu nada? Verifique a pasta de spam ou peça outro link.
sign-in-ask-again = peça outro link
sign-in-press = Clique no botão para concluir o acesso.

## Erros
error-label = Erro { $status }
error-home = Ir para a página inicial
error-browse = Ver os parceiros

## Vocabulários que o código conhece
org-type-ngo = Organização sem fins lucrativos
org-type-company = Empresa
org-type-academic = Universidade ou instituição de pesquisa
org-type-government = Entidade governamental
org-type-multilateral = Organização multilateral
org-type-foundation = Fundação
org-type-open-source-community = Comunidade de código aberto
status-prospect = Candidatura em curso
status-active = Parceiro ativo
status-renewal-due = Parceiro ativo, renovação pendente
status-in-grace = Acordo expirado, em período de carência
status-lapsed = Parceria caducada
status-withdrawn = Desistência
status-ended = Parceria encerrada
region-africa = África
region-americas = Américas
region-asia = Ásia
region-europe = Europa
region-oceania = Oceania
region-antarctica = Antártida
post-kind-announcement = Anúncio
post-kind-blog = Blog
post-kind-impact-story = História de impacto
post-kind-thought-piece = Artigo de reflexão
post-kind-webinar = Webinar
capability-standards-development = Desenvolvimento de padrões
capability-implementation-support = Apoio à implementação
capability-software-application-support = Suporte a aplicações de software
capability-capacity-strengthening = Fortalecimento de capacidades
capability-research = Pesquisa
capability-funding = Financiamento
component-interoperability-layer = Camada de interoperabilidade
component-client-registry = Registro de clientes
component-facility-registry = Registro de estabelecimentos
component-health-worker-registry = Registro de profissionais de saúde
component-terminology-service = Serviço de terminologia
component-shared-health-record = Prontuário compartilhado
component-product-catalogue = Catálogo de produtos
component-hmis = Sistema de informação para a gestão da saúde
component-lmis = Sistema de informação para a gestão logística
component-finance-insurance = Serviço de finanças e seguros
component-point-of-service = Aplicações de ponto de atendimento
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
date-long = { $day } de { $month } de { $year }
date-month-year = { $month } de { $year }

## Páginas com acesso autenticado
account-title = A sua conta
account-name = Nome
account-email = E-mail
account-role = Função
account-organization = Organização
account-last-sign-in = Último acesso
account-password-note = Opcional: é sempre possível entrar com um link enviado por e-mail. Use pelo menos 10 caracteres; senhas comuns são recusadas.
account-new-password = Nova senha
account-confirm-password = Repita a senha
account-save-password = Guardar a senha
portal-eyebrow = Portal dos parceiros
portal-record = Ficha da sua organização
portal-no-organization = A conta ainda não está associada a nenhuma organização. Escreva ao secretariado.
portal-record-eyebrow = Ficha da organização
portal-public-profile = Perfil público
portal-application = Candidatura
portal-agreement = Acordo de parceria
portal-none-shared = Ainda não há atividades.
portal-remove = Remover
portal-country = País
portal-activity-title = O que a organização faz nesse país
portal-activity-description = Mais detalhes (Markdown, opcional)
portal-activity-link = Um link (opcional)
portal-share-activity = Adicionar a atividade
portal-consent-note = Blogs, histórias de impacto, artigos de reflexão e webinars que destacam a organização só são publicados enquanto o seu consentimento estiver em vigor.
portal-no-consent = Nenhum consentimento registrado.
portal-withdraw = Retirar
portal-give-consent = Dar consentimento para
portal-record-consent = Registrar o consentimento
portal-contacts = Contatos
portal-no-contacts = Nenhum contato registrado.
portal-mail-poc = Contato para correspondência
staff-emails-waiting = E-mails em espera
staff-emails-failed = E-mails com falha
staff-applications = Candidaturas por etapa
staff-no-applications = Ainda não há candidaturas.
staff-recent = Atividade recente
staff-audit-link = O registro de auditoria completo →
staff-posts-link = Publicações →
admin-title = Administração
admin-audit-text = Quem fez o quê, quando e de onde, com os valores antes e depois.
admin-overview-text = Visão geral dos parceiros e das candidaturas.
form-please-fix = Corrija o seguinte:
admin-invite = Convidar alguém
admin-organization-slug = Organização (para contatos de um parceiro: o seu identificador, ou slug)
admin-send-invitation = Enviar o convite
admin-everyone = Todas as contas
admin-deactivated = desativada
admin-change-role = Alterar a função
admin-deactivate = Desativar
admin-reactivate = Reativar
admin-you = a sua conta
admin-filter-who = Quem (parte do nome ou do endereço)
admin-filter-action = Ação (início, por exemplo account.)
admin-filter-subject = Tipo de objeto (user, organization, …)
admin-filter-from = A partir de (data)
admin-filter-until = Até (data)
admin-filter = Filtrar
admin-clear = Limpar
admin-no-entries = Nenhum registro corresponde.
admin-outbox-note = Todos os e-mails enviados pelo serviço, do mais recente ao mais antigo. As mensagens são reenviadas com intervalos crescentes; uma mensagem que falhou definitivamente pode ser colocada de novo na fila.
admin-no-email = Ainda não há e-mails.
admin-forum-topics = Tópicos do fórum
admin-forum-note = Os tópicos publicados no fórum da comunidade, do mais recente ao mais antigo. Se o fórum estiver indisponível, o envio é repetido com intervalos crescentes; um tópico que o fórum recusa (uma chave de API errada, por exemplo) não é repetido, e a resposta do fórum é mostrada.
admin-topic = Abrir o tópico
admin-retry = Tentar de novo
posts-write = Escrever uma publicação
posts-none = Ainda não há publicações.
posts-kind-of-post = Tipo de publicação
posts-summary = Resumo (uma ou duas frases)
posts-text = Texto (Markdown)
posts-for-webinar = Para um webinar
posts-day = Dia
posts-starts = Hora de início (UTC)
posts-join-link = Link para participar
posts-consent = Damos o nosso consentimento para aparecer neste tipo de publicação.
posts-partner = Parceiro em questão (slug, opcional)
posts-publish = Publicar
posts-unpublish = Voltar a rascunho
account-change-password = Alterar a senha
account-set-password = Definir uma senha
account-tokens-title = Tokens de API
account-tokens-note = Um token permite que outro sistema aja em seu nome pela API REST (veja /api/v1/openapi.json). Ele é mostrado uma única vez, ao ser criado; revogue-o quando não for mais necessário.
account-tokens-none = Você não tem tokens de API.
account-token-name = Nome do token
account-token-created-at = Criado em
account-token-last-used = Último uso
account-token-create = Criar um token
account-token-revoke = Revogar
account-token-created = Este é o seu novo token. Copie-o agora: ele não será mostrado novamente.
account-token-revoked = O token foi revogado.
portal-welcome = Boas-vindas, { $name }
portal-contact-of = Esta conta é um dos contatos de { $organization }.
portal-posts-about = Publicações sobre { $name }
portal-consent = Consentimento para aparecer em publicações
portal-consent-given = dado em
portal-consent-withdrawn = retirado em
staff-stage = Etapa
staff-applications-count = Candidaturas
admin-when = Quando
admin-who = Quem
admin-from = Origem
admin-action = Ação
admin-subject = Objeto
admin-before = Antes
admin-after = Depois
admin-accounts = Contas
admin-audit = Registro de auditoria
admin-outbox = Caixa de saída
admin-overview = Visão geral do programa
admin-change = Alterar
admin-queued = Colocado na fila
admin-to = Destinatário
admin-subject-line = Assunto
admin-status = Estado
admin-attempts = Tentativas
admin-detail = Detalhe
posts-title = Título
posts-kind = Tipo
posts-changed = Última alteração
posts-send = Enviar ao secretariado
posts-save = Guardar
admin-accounts-text = { $count ->
    [one] { $count } conta. Convide pessoas, altere funções, desative contas.
   *[other] { $count } contas. Convide pessoas, altere funções, desative contas.
}
admin-outbox-text = { $waiting } e-mails em espera, { $failed } com falha.
staff-committee = Comitê
staff-committee-intro = Candidaturas por etapa, para o Comitê Operacional.
staff-secretariat = Secretariado
staff-secretariat-intro = Visão geral do programa: parceiros, candidaturas, e-mails e atividade recente.
stage-interest = Interesse manifestado
stage-intro_call = Conversa inicial
stage-invited = Convite para apresentar candidatura
stage-submitted = Candidatura enviada
stage-under_review = Análise pelo Comitê
stage-info_requested = Mais informações solicitadas
stage-approved = Candidatura aprovada
stage-page_review = Revisão da página de parceiro
stage-announced = Parceria anunciada
stage-declined = Candidatura recusada
stage-withdrawn = Desistência
error-not-found = Página não encontrada
error-bad-request = Não é possível responder a este pedido
error-sign-in = É necessário entrar
error-unauthenticated = Não foi possível entrar
error-forbidden = Acesso não permitido
error-too-many = Número excessivo de tentativas
error-conflict = Isto entra em conflito com o que já existe
error-unavailable = Voltamos num instante
error-internal = Ocorreu um erro do nosso lado
