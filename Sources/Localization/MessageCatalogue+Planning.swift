extension MessageCatalogue {
    /// Every entry of the catalogue, from all its tables.
    public static var allEntries: [String: Entry] {
        entries.merging(planningEntries) { first, _ in first }
    }

    /// Messages of the staff and planner API: authentication, plans, catchment edits.
    public static let planningEntries: [String: Entry] = [
        "invalid_date": Entry(
            kk: "«{field}» параметрі ЖЖЖЖ-АА-КК түріндегі күн болуы керек (мысалы, 2027-09-01), ал берілгені: «{value}».",
            ru: "Параметр «{field}» должен быть датой в виде ГГГГ-ММ-ДД (например, 2027-09-01), получено «{value}».",
            en: "The parameter \"{field}\" must be a date written YYYY-MM-DD (for example 2027-09-01), got \"{value}\"."),
        "missing_token": Entry(
            kk: "Бұл әрекетке қызметкер токені қажет. Оны «Authorization: Bearer <токен>» тақырыбында жіберіңіз.",
            ru: "Для этого действия нужен токен сотрудника. Передайте его в заголовке «Authorization: Bearer <токен>».",
            en: "This action needs a staff token. Send it in the header \"Authorization: Bearer <token>\"."),
        "invalid_token": Entry(
            kk: "Токен жарамсыз немесе өшірілген. Әкімшіден жаңа токен сұраңыз.",
            ru: "Токен недействителен или отключён. Попросите новый токен у администратора.",
            en: "The token is invalid or disabled. Ask an administrator for a new one."),
        "forbidden": Entry(
            kk: "Сіздің рөліңіз ({role}) «{city}» қаласында бұл әрекетке рұқсат бермейді.",
            ru: "Ваша роль ({role}) не даёт права на это действие в городе «{city}».",
            en: "Your role ({role}) does not allow this action in the city \"{city}\"."),
        "plan_not_found": Entry(
            kk: "«{city}» қаласында {plan} жоспары табылмады.",
            ru: "План {plan} не найден в городе «{city}».",
            en: "Plan {plan} was not found in the city \"{city}\"."),
        "catchment_not_found": Entry(
            kk: "{plan} жоспарында «{key}» учаскесі табылмады.",
            ru: "Участок «{key}» не найден в плане {plan}.",
            en: "Catchment \"{key}\" was not found in plan {plan}."),
        "version_not_found": Entry(
            kk: "«{key}» учаскесінің {version} нұсқасы жоқ.",
            ru: "У участка «{key}» нет версии {version}.",
            en: "Catchment \"{key}\" has no version {version}."),
        "ambiguous_key": Entry(
            kk: "«{key}» учаскесі бірнеше оқыту тілінде бар ({languages}). «language» параметрін көрсетіңіз.",
            ru: "Участок «{key}» есть для нескольких языков обучения ({languages}). Укажите параметр «language».",
            en: "Catchment \"{key}\" exists for several languages of instruction ({languages}). Give the parameter \"language\"."),
        "plan_not_editable": Entry(
            kk: "{plan} жоспарының күйі «{status}», сондықтан оны өзгертуге болмайды. Жаңа жоба жасаңыз.",
            ru: "План {plan} в состоянии «{status}», его нельзя изменить. Создайте новый черновик.",
            en: "Plan {plan} is {status} and cannot be changed this way. Create a new draft."),
        "catchment_exists": Entry(
            kk: "{plan} жоспарында «{key}» учаскесі бұрыннан бар. Басқа кілт таңдаңыз немесе барын өзгертіңіз.",
            ru: "Участок «{key}» уже есть в плане {plan}. Выберите другой ключ или измените существующий.",
            en: "Catchment \"{key}\" already exists in plan {plan}. Choose another key or change the existing one."),
        "precondition_required": Entry(
            kk: "Өзгерту үшін «If-Match» тақырыбы қажет: соңғы оқылған ETag мәнін жіберіңіз.",
            ru: "Для изменения нужен заголовок «If-Match»: передайте ETag, полученный при последнем чтении.",
            en: "A change needs the header \"If-Match\": send the ETag from your last read."),
        "precondition_failed_catchment": Entry(
            kk: "«{key}» учаскесі сіз оқығаннан кейін өзгерді (қазіргі нұсқа: {current}). Қайта оқып, өзгерісті қайталаңыз.",
            ru: "Участок «{key}» изменён после вашего чтения (текущая версия: {current}). Прочитайте его заново и повторите изменение.",
            en: "Catchment \"{key}\" changed after you read it (current version: {current}). Read it again and reapply your change."),
        "precondition_failed_plan": Entry(
            kk: "{plan} жоспары сіз оқығаннан кейін өзгерді (қазіргі редакция: {current}). Қайта оқып, әрекетті қайталаңыз.",
            ru: "План {plan} изменён после вашего чтения (текущая редакция: {current}). Прочитайте его заново и повторите действие.",
            en: "Plan {plan} changed after you read it (current revision: {current}). Read it again and repeat the action."),
        "invalid_geometry": Entry(
            kk: "Геометрия жарамсыз: {count} мәселе табылды (тізімі «problems» өрісінде). Түзетіңіз немесе fix=true арқылы автоматты түзетуді сұраңыз.",
            ru: "Геометрия некорректна: найдено проблем — {count} (список в поле «problems»). Исправьте её или запросите автоматическое исправление через fix=true.",
            en: "The geometry is invalid: {count} problem(s) found (listed in \"problems\"). Fix it, or ask for an automatic repair with fix=true."),
        "invalid_body": Entry(
            kk: "Сұраныс денесі оқылмады: {detail}",
            ru: "Не удалось прочитать тело запроса: {detail}",
            en: "The request body could not be read: {detail}"),
        "invalid_field": Entry(
            kk: "«{field}» өрісі жарамсыз: {detail}",
            ru: "Поле «{field}» некорректно: {detail}",
            en: "The field \"{field}\" is invalid: {detail}"),
        "coverage_errors": Entry(
            kk: "Жоспарды жариялау мүмкін емес: қамту есебінде қателер бар (қабаттасу: {overlaps}, бос аумақ: {gaps}, учаскесіз мекенжай: {uncovered}, екі учаскедегі мекенжай: {doubled}, жарамсыз: {invalid}). Түзетіңіз немесе «override_reason» арқылы себебін көрсетіңіз.",
            ru: "План нельзя опубликовать: в отчёте о покрытии есть ошибки (пересечений: {overlaps}, разрывов: {gaps}, адресов без участка: {uncovered}, адресов в двух участках: {doubled}, некорректных: {invalid}). Исправьте их или укажите причину в «override_reason».",
            en: "The plan cannot be published: the coverage report has errors ({overlaps} overlaps, {gaps} gaps, {uncovered} addresses without a catchment, {doubled} addresses in two, {invalid} invalid). Fix them, or give a reason in \"override_reason\"."),
        "nothing_to_roll_back_catchment": Entry(
            kk: "«{key}» учаскесі сұралған күйде тұр, қайтаратын ештеңе жоқ.",
            ru: "Участок «{key}» уже в запрошенном состоянии, откатывать нечего.",
            en: "Catchment \"{key}\" is already in the requested state; there is nothing to roll back."),
        "nothing_to_roll_back_plan": Entry(
            kk: "{plan} жоспары сұралған күйде тұр, қайтаратын ештеңе жоқ.",
            ru: "План {plan} уже в запрошенном состоянии, откатывать нечего.",
            en: "Plan {plan} is already in the requested state; there is nothing to roll back."),
        "unsupported_media_type": Entry(
            kk: "Сұраныс денесінің түрі «{value}» қабылданбайды. {expected} жіберіңіз.",
            ru: "Тип тела запроса «{value}» не поддерживается. Отправьте {expected}.",
            en: "The request body type \"{value}\" is not supported. Send {expected}."),
    ]
}
