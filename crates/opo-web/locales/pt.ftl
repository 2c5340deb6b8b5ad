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
