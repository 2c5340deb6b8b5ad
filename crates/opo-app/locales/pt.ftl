# Os textos dos e-mails, em português. Cada mensagem existe também em en.ftl, fr.ftl e es.ftl.

## Comuns a todas as mensagens

mail-hello = Olá, { $name },
mail-program = Organizações parceiras da { $community }
mail-questions = Dúvidas? Escreva para
mail-or-open = Ou abra este endereço:
mail-copy-address = Ou copie este endereço no seu navegador:

## Link de acesso e convite

signin-subject = O seu link de acesso às Organizações parceiras da { $community }
signin-asked = Alguém (esperamos que tenha sido você) pediu para entrar nas Organizações parceiras da { $community } com este endereço.
signin-open = Abra este link para entrar. Ele funciona uma só vez, nos próximos { $minutes } minutos:
signin-button = Entrar
signin-ignore = Se não foi você que pediu, ignore esta mensagem: nada acontece sem o link.
invitation-subject = Você foi convidado para as Organizações parceiras da { $community }
invitation-invited = { $inviter } convidou você para as Organizações parceiras da { $community } como { $role }.
invitation-open = Abra este link para entrar pela primeira vez. Ele funciona uma só vez, nos próximos { $days } dias:
invitation-button = Aceitar o convite
invitation-later = Depois, pode pedir um novo link de acesso a qualquer momento em
contact-invited-subject = Você é contato de { $organization }
contact-invited = { $inviter } registrou você como contato de { $organization } nas Organizações parceiras de { $community } ({ $roles }). Você pode acompanhar a parceria, os balanços anuais e o acordo no portal.
contact-role-primary = contato principal
contact-role-mail-poc = ponto de contato para correspondência
contact-role-signer = signatário do acordo
contact-role-communications = comunicação
contact-role-none = ainda sem função específica

## O processo de parceria

wf-open-your-application = Abrir a sua candidatura
wf-open-the-application = Abrir a candidatura
wf-open-your-account = Abrir a sua conta
wf-see-certificate = Ver o certificado
wf-see-partner-page = Ver a sua página de parceiro
wf-read-announcement = Ler o anúncio
wf-community-name = Comunidade { $community }
wf-interest-subject = Obrigado pelo seu interesse no programa de parceiros da { $community }
wf-interest-thanks = Obrigado por nos dizer que a { $organization } gostaria de se tornar uma organização parceira da { $community }.
wf-interest-next = O secretariado entrará em contato em breve para marcar uma curta chamada de apresentação sobre o papel que gostaria de assumir. Pode acompanhar cada etapa da sua candidatura no portal.
wf-interest-link = O botão abaixo dá acesso à sua nova conta; ele funciona uma só vez, num prazo de { $days } dias.
wf-interest-staff-subject = Nova manifestação de interesse: { $organization }
wf-interest-staff = { $contact } ({ $email }) manifestou o interesse da { $organization }. Marque uma chamada de apresentação a partir do quadro.
wf-interest-known-address = Este endereço já tem uma conta: entre com ela para acompanhar a candidatura (peça um link de acesso na página de entrada).
wf-interest-staff-address = Este endereço pertence a uma conta da equipe do programa; o secretariado entrará em contato sobre o contato próprio da organização.
wf-interest-resembles = O programa talvez já conheça sua organização; o secretariado vai verificar e dizer como sua candidatura continua.
wf-interest-staff-known-address = O endereço { $email } já tinha uma conta; o remetente foi orientado a entrar com ela.
wf-interest-staff-resembles = { $organization } pode ser a mesma organização que { $existing }. Una-as a partir da página da candidatura se for o caso; só então o remetente passa a ser contato.
wf-call-subject = Chamada de apresentação em { $when }
wf-call-moved-subject = Chamada de apresentação remarcada para { $when }
wf-call-set = Marcamos a chamada de apresentação sobre a parceria da { $organization } para { $when } (UTC).
wf-call-moved = Remarcamos a chamada de apresentação sobre a parceria da { $organization } para { $when } (UTC).
wf-call-attached = O convite de calendário vai em anexo; os detalhes da chamada também estão no portal.
wf-invited-subject = O seu convite para se candidatar como organização parceira da { $community }
wf-invited-thanks = Obrigado pela chamada de apresentação. Temos o prazer de convidar a sua candidatura.
wf-invited-steps = No portal, preencha a candidatura (uma declaração de apoio, uma descrição da sua organização, o seu contato para correspondência, os seus papéis e países de atuação), envie o seu logotipo e assine o acordo de parceria. O seu rascunho é guardado a cada vez, por isso pode voltar a ele.
wf-draft-reminder-subject = A sua candidatura para { $organization } está à sua espera
wf-draft-reminder = O rascunho da sua candidatura não muda há algum tempo. Ele está guardado: continue de onde parou quando quiser.
wf-signed-subject = Acordo de parceria assinado para { $organization }
wf-signed = { $signer } assinou o acordo de parceria para { $organization }.
wf-signed-certificate = O certificado de assinatura, com a impressão digital do texto exato assinado, tem o código { $code }; qualquer pessoa pode verificá-lo na página de verificação.
wf-submitted-subject = Recebemos a candidatura de { $organization }
wf-submitted = Obrigado! O secretariado vai verificá-la e encaminhá-la ao Comitê Operacional.
wf-submitted-staff-subject = Candidatura enviada: { $organization }
wf-submitted-staff = A candidatura está completa, com o logotipo e o acordo assinado. Envie-a ao comitê.
wf-review-subject = Por favor, avalie a candidatura de { $organization }
wf-review = A candidatura de { $organization } está pronta para o Comitê Operacional. Leia-a e vote, ou declare um conflito de interesses.
wf-info-subject = Uma pergunta sobre a candidatura de { $organization }
wf-info-intro = O Comitê Operacional gostaria de saber mais antes de decidir:
wf-info-answer-by = Por favor, responda no portal até { $deadline }; a avaliação continua assim que responder.
wf-info-reminder-subject = Lembrete: a pergunta do comitê aguarda a resposta de { $organization }
wf-info-reminder-intro = A pergunta do Comitê Operacional ainda aguarda a sua resposta:
wf-info-reminder-deadline = Sem resposta até { $deadline }, o comitê decidirá sem ela.
wf-info-answered-subject = { $organization } respondeu à pergunta do comitê
wf-info-answered = A candidatura voltou à avaliação.
wf-info-expired-subject = Sem resposta de { $organization }: de volta à avaliação
wf-info-expired = A pergunta do comitê não foi respondida no prazo; a candidatura voltou à avaliação.
wf-approved-subject = Boas-vindas: { $organization } foi aprovada como parceira da { $community }
wf-approved = O Comitê Operacional aprovou a sua candidatura. Parabéns!
wf-approved-next = Agora o secretariado prepara a sua página de parceiro; você vai revê-la antes do anúncio.
wf-declined-subject = A candidatura de { $organization }
wf-declined = O Comitê Operacional decidiu não aprovar a candidatura neste momento.
wf-declined-again = Pode candidatar-se de novo mais tarde; o secretariado terá prazer em conversar sobre isso.
wf-page-ready-subject = Por favor, reveja a página de parceiro de { $organization }
wf-page-ready = A versão { $number } da sua página de parceiro está pronta. Veja-a exatamente como o público a verá, comente, proponha mudanças ou aprove-a.
wf-page-partner-subject = { $organization }: { $what }
wf-page-partner = { $organization }: { $what } (página de parceiro).
wf-announced-subject = { $organization } agora é uma organização parceira da { $community }
wf-announced = A sua parceria foi anunciada à comunidade. Boas-vindas!
wf-withdrawn-subject = { $organization } retirou a sua candidatura
wf-withdrawn = O candidato retirou a candidatura.
wf-late-subject = Atrasada: { $organization } em "{ $stage }"
wf-late = A candidatura está em "{ $stage }" há mais de { $days } dias. { $next }

## Renovação do acordo

rn-reminder-subject = { $organization }: o acordo de parceria vence em { $days } dias
rn-reminder-version = Para { $organization }, a versão { $version } do acordo de parceria deve ser assinada até { $date }: daqui a { $days } dias.
rn-reminder-expires = Para { $organization }, o acordo de parceria vence em { $date }: daqui a { $days } dias.
rn-reminder-sign = Por favor, leia o acordo em vigor e assine-o de novo no portal, como quando a { $organization } se tornou parceira da { $community }. Depois de assinado, a parceria continua por mais três anos.
rn-reminder-grace = Se não for assinado, segue-se um período de carência de { $grace } dias; depois a parceria caduca e sai do diretório de parceiros até o acordo ser assinado de novo.
rn-sign-again = Assinar o acordo de novo
rn-staff-subject = Renovação em { $days } dias: { $organization }
rn-staff-version = Para { $organization }, a versão { $version } do acordo de parceria deve ser assinada até { $date }.
rn-staff-expires = Para { $organization }, o acordo de parceria vence em { $date }.
rn-staff-reminded-contacts = Os seus contatos receberam um lembrete: { $contacts }.
rn-staff-no-poc = Não tem contato para correspondência a quem lembrar: por favor, entre em contato com a organização.
rn-open-record = Abrir o registro da organização
rn-lapsed-subject = A parceria da { $organization } com a { $community } caducou
rn-lapsed-unlisted = { $organization } já não aparece entre os parceiros ativos; o seu perfil indica que a parceria caducou.
rn-lapsed-restore = Assinar o acordo em vigor no portal restabelece a parceria na hora.
rn-renewed-subject = { $organization }: o acordo de parceria foi assinado de novo
rn-renewed = { $name } assinou a versão { $version } do acordo de parceria para { $organization } em { $date }. Ele vale até { $until }.
rn-renewed-certificate = O certificado da assinatura, com o código { $code }, está na página abaixo.
rn-open-certificate = Abrir o certificado

## Balanços anuais

ci-open-checkin = Abrir o balanço
ci-open-your-checkin = Abrir o seu balanço
ci-answer-questionnaire = Responder ao questionário
ci-see-your-page = Ver a sua página
ci-questionnaire-subject = O seu balanço de parceria { $year } com a { $community }
ci-questionnaire-year = Em { $date }, a { $organization } completa mais um ano como organização parceira da { $community }. Obrigado!
ci-questionnaire-questions = Uma vez por ano conversamos com cada parceiro. Por favor, responda a cinco perguntas curtas: como correu a parceria, o que planeja para o próximo ano, que mudanças quer na sua página de parceiro e se podemos destacar o seu trabalho numa história de impacto ou num post do blog.
ci-questionnaire-conversation = Depois, alguém do secretariado ou do comitê entrará em contato para uma breve conversa.
ci-overdue-subject = Balanço atrasado: { $organization }
ci-overdue = O balanço { $year } de { $organization } estava previsto para { $date } e continua aberto ({ $status }; atribuído a { $who }). Por favor, acompanhe ou atribua-o a outra pessoa.
ci-assigned-subject = Balanço com { $organization } atribuído a você
ci-assigned = Você vai conduzir o balanço { $year } com { $organization } (previsto para { $date }). As respostas ao questionário aparecem na página do balanço; registre lá a conversa e o seu resultado.
ci-page-changes-subject = Mudanças de página pedidas por { $organization }
ci-page-changes = No seu balanço, { $organization } pediu mudanças na sua página de parceiro. A versão { $number } da página está aberta para revisão: edite-a, deixe o parceiro aprová-la e depois publique-a.
ci-answered-subject = { $organization } respondeu ao questionário do seu balanço
ci-answered = { $organization } respondeu ao questionário do seu balanço { $year }. Leia as respostas antes da conversa.
ci-page-ready-subject = A sua página de parceiro, versão { $number }, está pronta para revisão
ci-page-ready = O secretariado fez as mudanças que pediu no seu balanço. Por favor, veja a nova versão e aprove-a; ela é publicada assim que o fizer.
ci-page-approved-subject = { $organization } aprovou a versão { $number } da sua página
ci-page-approved = O parceiro aprovou a nova versão da sua página. Publique-a a partir da página do balanço.
ci-page-published-subject = A sua página de parceiro foi atualizada
ci-page-published = A versão { $number } da sua página de parceiro já é pública.
