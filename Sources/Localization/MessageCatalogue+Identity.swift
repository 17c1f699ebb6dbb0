extension MessageCatalogue {
    /// Errors and messages of parent identity: IIN and phone checks, one-time codes, login,
    /// sessions and settings, and the texts of SMS and e-mail messages.
    public static let identityEntries: [String: Entry] = [
        // IIN rules
        "invalid_iin.characters": Entry(
            kk: "ЖСН тек цифрлардан тұруы керек. Әріптер мен басқа белгілерді алып тастаңыз.",
            ru: "ИИН должен состоять только из цифр. Уберите буквы и другие знаки.",
            en: "The IIN must contain digits only. Remove letters and other characters."),
        "invalid_iin.length": Entry(
            kk: "ЖСН 12 цифрдан тұруы керек, ал енгізілгені: {count}.",
            ru: "ИИН должен содержать 12 цифр, введено: {count}.",
            en: "The IIN must have 12 digits, got {count}."),
        "invalid_iin.century_digit": Entry(
            kk: "ЖСН-нің жетінші цифры 1-ден 6-ға дейін болуы керек (ғасыр мен жыныс). Нөмірді тексеріңіз.",
            ru: "Седьмая цифра ИИН должна быть от 1 до 6 (век и пол). Проверьте номер.",
            en: "The 7th digit of the IIN must be 1 to 6 (century and sex). Check the number."),
        "invalid_iin.date": Entry(
            kk: "ЖСН-нің алғашқы алты цифры нақты туған күнді (ЖЖААКК) құрамайды. Нөмірді тексеріңіз.",
            ru: "Первые шесть цифр ИИН не образуют существующую дату рождения (ГГММДД). Проверьте номер.",
            en: "The first six digits of the IIN are not a real birth date (YYMMDD). Check the number."),
        "invalid_iin.check_digit": Entry(
            kk: "ЖСН-нің бақылау цифры сәйкес келмейді, демек нөмірде қате бар. Барлық 12 цифрды тексеріңіз.",
            ru: "Контрольная цифра ИИН не сходится, значит в номере опечатка. Проверьте все 12 цифр.",
            en: "The IIN check digit does not match, so the number has a typo. Check all 12 digits."),

        // Phones and e-mail
        "invalid_phone.characters": Entry(
            kk: "Телефон нөмірінде тек цифрлар, бос орындар, жақшалар, сызықшалар және басында «+» болуы мүмкін.",
            ru: "Номер телефона может содержать только цифры, пробелы, скобки, дефисы и «+» в начале.",
            en: "A phone number may contain only digits, spaces, brackets, dashes and a leading \"+\"."),
        "invalid_phone.length": Entry(
            kk: "Ұялы нөмірді толық енгізіңіз: +7 7XX XXX XX XX (+7-ден кейін 10 цифр).",
            ru: "Введите мобильный номер полностью: +7 7XX XXX XX XX (10 цифр после +7).",
            en: "Enter the full mobile number: +7 7XX XXX XX XX (10 digits after +7)."),
        "invalid_phone.country": Entry(
            kk: "Тек +7 коды бар Қазақстан нөмірлері қабылданады.",
            ru: "Принимаются только казахстанские номера с кодом +7.",
            en: "Only Kazakh numbers with the country code +7 are accepted."),
        "invalid_phone.not_mobile": Entry(
            kk: "Бұл Қазақстанның ұялы нөмірі емес: +7-ден кейін 70X, 74X, 75X, 76X немесе 77X операторы коды келуі керек.",
            ru: "Это не казахстанский мобильный номер: после +7 должен идти код оператора 70X, 74X, 75X, 76X или 77X.",
            en: "This is not a Kazakh mobile number: after +7 an operator code 70X, 74X, 75X, 76X or 77X must follow."),
        "invalid_email": Entry(
            kk: "Электрондық пошта мекенжайын тексеріңіз: ол name@example.kz сияқты болуы керек.",
            ru: "Проверьте адрес электронной почты: он должен выглядеть как name@example.kz.",
            en: "Check the e-mail address: it should look like name@example.kz."),

        // One-time codes and confirmations
        "invalid_code_format": Entry(
            kk: "Код 6 цифрдан тұрады. Оны SMS-тегідей енгізіңіз.",
            ru: "Код состоит из 6 цифр. Введите его так, как он указан в SMS.",
            en: "The code has 6 digits. Type it as it appears in the SMS."),
        "code_rejected": Entry(
            kk: "Код қате немесе енді жарамсыз. Оны тексеріңіз немесе жаңа код сұраңыз.",
            ru: "Код неверный или больше не действует. Проверьте его или запросите новый код.",
            en: "The code is wrong or no longer valid. Check it or request a new code."),
        "code_sent.phone": Entry(
            kk: "Код SMS арқылы жіберілді. Оны осы жерге енгізіңіз.",
            ru: "Код отправлен по SMS. Введите его здесь.",
            en: "The code was sent by SMS. Enter it here."),
        "code_sent.account": Entry(
            kk: "Егер бұл ЖСН-ге телефон тіркелген болса, оған SMS-код жіберілді.",
            ru: "Если к этому ИИН привязан телефон, на него отправлен код по SMS.",
            en: "If a phone is on record for this IIN, a code was sent to it by SMS."),
        "unknown_purpose": Entry(
            kk: "Код мақсаты мыналардың бірі болуы керек: phone, login, reset.",
            ru: "Назначение кода должно быть одним из: phone, login, reset.",
            en: "The code purpose must be one of: phone, login, reset."),
        "rate_limited": Entry(
            kk: "Сұраныстар тым көп. {seconds} секундтан кейін қайталаңыз.",
            ru: "Слишком много запросов. Повторите через {seconds} с.",
            en: "Too many requests. Try again in {seconds} s."),
        "confirmation_invalid": Entry(
            kk: "«{field}» өрісіндегі телефонды растау жарамсыз, мерзімі өткен немесе басқа нөмірге берілген. Нөмірді кодпен қайта растаңыз.",
            ru: "Подтверждение телефона в поле «{field}» недействительно, устарело или выдано для другого номера. Подтвердите номер кодом заново.",
            en: "The phone confirmation in \"{field}\" is invalid, expired or for another number. Confirm the number with a code again."),
        "confirmation_required": Entry(
            kk: "Алдымен телефонды SMS-кодпен растаңыз немесе жеке кабинетке кіріңіз.",
            ru: "Сначала подтвердите телефон кодом из SMS или войдите в личный кабинет.",
            en: "First confirm your phone with an SMS code or log in to your personal cabinet."),
        "parent_not_caller": Entry(
            kk: "«{field}» өрісінде өз ЖСН-іңізді көрсетіңіз: заңды өкілдікті тек өзіңіз үшін тексеруге болады.",
            ru: "В поле «{field}» укажите свой ИИН: законное представительство можно проверить только для себя.",
            en: "Give your own IIN in \"{field}\": legal representation can be checked only for yourself."),
        "message_not_sent": Entry(
            kk: "Хабарламаны жіберу мүмкін болмады. Кейінірек қайталап көріңіз.",
            ru: "Не удалось отправить сообщение. Повторите попытку позже.",
            en: "The message could not be sent. Try again later."),

        // Login, passwords and sessions
        "login_failed": Entry(
            kk: "ЖСН немесе құпиясөз қате. Құпиясөзді әлі орнатпаған болсаңыз, SMS-кодпен кіріңіз.",
            ru: "Неверный ИИН или пароль. Если вы ещё не задали пароль, войдите по коду из SMS.",
            en: "Wrong IIN or password. If you have not set a password yet, log in with an SMS code."),
        "login_locked": Entry(
            kk: "Кіру әрекеттері тым көп рет сәтсіз болды. {seconds} секундтан кейін қайталаңыз.",
            ru: "Слишком много неудачных попыток входа. Повторите через {seconds} с.",
            en: "Too many failed login attempts. Try again in {seconds} s."),
        "setup_token_invalid": Entry(
            kk: "Құпиясөз орнату токені жарамсыз немесе мерзімі өткен. Жаңа код сұраңыз.",
            ru: "Токен установки пароля недействителен или устарел. Запросите новый код.",
            en: "The password setup token is invalid or has expired. Request a new code."),
        "session_required": Entry(
            kk: "Жеке кабинетке кіріңіз.",
            ru: "Войдите в личный кабинет.",
            en: "Log in to your personal cabinet."),
        "session_expired": Entry(
            kk: "Сеанс аяқталды. Қайта кіріңіз.",
            ru: "Сеанс завершён. Войдите снова.",
            en: "Your session has ended. Log in again."),
        "csrf_rejected": Entry(
            kk: "Сұраныс қабылданбады, себебі сеанстың CSRF-токені жоқ немесе қате. Бетті жаңартып, қайталаңыз.",
            ru: "Запрос отклонён, потому что CSRF-токен сеанса отсутствует или неверен. Обновите страницу и повторите.",
            en: "The request was rejected because the session's CSRF token is missing or wrong. Reload the page and try again."),
        "weak_password.too_short": Entry(
            kk: "Құпиясөз кемінде {min} таңбадан тұруы керек.",
            ru: "Пароль должен быть не короче {min} символов.",
            en: "The password must be at least {min} characters long."),
        "weak_password.too_long": Entry(
            kk: "Құпиясөз {max} таңбадан аспауы керек.",
            ru: "Пароль должен быть не длиннее {max} символов.",
            en: "The password must be at most {max} characters long."),
        "weak_password.needs_letter": Entry(
            kk: "Құпиясөзге кемінде бір әріп қосыңыз.",
            ru: "Добавьте в пароль хотя бы одну букву.",
            en: "Add at least one letter to the password."),
        "weak_password.needs_digit": Entry(
            kk: "Құпиясөзге кемінде бір цифр қосыңыз.",
            ru: "Добавьте в пароль хотя бы одну цифру.",
            en: "Add at least one digit to the password."),
        "weak_password.edge_space": Entry(
            kk: "Құпиясөз бос орынмен басталмауы және аяқталмауы керек.",
            ru: "Пароль не должен начинаться или заканчиваться пробелом.",
            en: "The password must not start or end with a space."),
        "weak_password.contains_iin": Entry(
            kk: "Құпиясөзде сіздің ЖСН болмауы керек.",
            ru: "Пароль не должен содержать ваш ИИН.",
            en: "The password must not contain your IIN."),
        "weak_password.contains_phone": Entry(
            kk: "Құпиясөзде телефон нөміріңіз болмауы керек.",
            ru: "Пароль не должен содержать ваш номер телефона.",
            en: "The password must not contain your phone number."),
        "weak_password.common": Entry(
            kk: "Бұл құпиясөз тым кең таралған. Басқасын таңдаңыз.",
            ru: "Этот пароль слишком распространён. Выберите другой.",
            en: "This password is too common. Choose another one."),
        "password_unchanged": Entry(
            kk: "Жаңа құпиясөз қазіргісімен бірдей. Басқасын таңдаңыз.",
            ru: "Новый пароль совпадает с текущим. Выберите другой.",
            en: "The new password is the same as the current one. Choose another one."),
        "current_password_wrong": Entry(
            kk: "Қазіргі құпиясөз қате.",
            ru: "Текущий пароль указан неверно.",
            en: "The current password is wrong."),

        // Settings
        "unknown_language": Entry(
            kk: "Тіл мыналардың бірі болуы керек: {allowed}.",
            ru: "Язык должен быть одним из: {allowed}.",
            en: "The language must be one of: {allowed}."),
        "extra_phone_same": Entry(
            kk: "Қосымша телефон негізгісімен бірдей. Басқа нөмір көрсетіңіз немесе қосымша телефонды жойыңыз.",
            ru: "Дополнительный телефон совпадает с основным. Укажите другой номер или удалите дополнительный.",
            en: "The extra phone is the same as the main phone. Enter another number or remove the extra phone."),
        "email_required_for_notifications": Entry(
            kk: "Электрондық пошта арқылы хабарлама алу үшін электрондық пошта мекенжайын көрсетіңіз.",
            ru: "Чтобы получать уведомления по электронной почте, укажите её адрес.",
            en: "To get notifications by e-mail, add an e-mail address."),
        "notification_channel_required": Entry(
            kk: "Кемінде бір хабарлама арнасын қосулы қалдырыңыз: SMS немесе электрондық пошта.",
            ru: "Оставьте включённым хотя бы один способ уведомлений: SMS или электронную почту.",
            en: "Keep at least one notification channel on: SMS or e-mail."),
        "empty_update": Entry(
            kk: "Өзгерістер жоқ: кемінде бір параметрді көрсетіңіз.",
            ru: "Нет изменений: укажите хотя бы одну настройку.",
            en: "Nothing to change: give at least one setting."),

        // Identity checks and manual entry
        "register_unavailable": Entry(
            kk: "Халық тізілімі қазір қолжетімсіз. Кейінірек қайталап көріңіз.",
            ru: "Реестр населения сейчас недоступен. Повторите попытку позже.",
            en: "The population register is unavailable right now. Try again later."),
        "invalid_birth_date.format": Entry(
            kk: "Туған күн ЖЖЖЖ-АА-КК пішімінде жазылған нақты күн болуы керек.",
            ru: "Дата рождения должна быть существующей датой в формате ГГГГ-ММ-ДД.",
            en: "The birth date must be a real date written as YYYY-MM-DD."),
        "invalid_birth_date.range": Entry(
            kk: "Туған күн 1900-01-01 мен бүгінгі күн аралығында болуы керек.",
            ru: "Дата рождения должна быть между 1900-01-01 и сегодняшним днём.",
            en: "The birth date must be between 1900-01-01 and today."),
        "invalid_name": Entry(
            kk: "«{field}» өрісінде 1-ден {max}-ға дейін әріп болуы керек; бос орын, сызықша және апостроф рұқсат етіледі.",
            ru: "Поле «{field}» должно содержать от 1 до {max} букв; допускаются пробел, дефис и апостроф.",
            en: "The field \"{field}\" must have 1 to {max} letters; spaces, hyphens and apostrophes are allowed."),
        "iin_not_expected": Entry(
            kk: "ЖСН жоқ бала үшін ЖСН өрісін бос қалдырыңыз.",
            ru: "Для ребёнка без ИИН оставьте поле ИИН пустым.",
            en: "For a child without an IIN, leave the IIN empty."),
        "unknown_manual_reason": Entry(
            kk: "Қолмен енгізу себебі мыналардың бірі болуы керек: {allowed}.",
            ru: "Причина ручного ввода должна быть одной из: {allowed}.",
            en: "The reason for manual entry must be one of: {allowed}."),

        // Request bodies
        "missing_field": Entry(
            kk: "«{field}» өрісі көрсетілмеген. Оны сұраныс денесіне қосыңыз.",
            ru: "Не указано поле «{field}». Добавьте его в тело запроса.",
            en: "The field \"{field}\" is missing. Add it to the request body."),
        "invalid_json": Entry(
            kk: "Сұраныс денесі JSON нысаны болуы керек: {reason}.",
            ru: "Тело запроса должно быть объектом JSON: {reason}.",
            en: "The request body must be a JSON object: {reason}."),
        "invalid_field_type": Entry(
            kk: "«{field}» өрісінің түрі {expected} болуы керек.",
            ru: "Поле «{field}» должно иметь тип {expected}.",
            en: "The field \"{field}\" must be of type {expected}."),
        "unknown_field": Entry(
            kk: "«{field}» өрісіне қолдау көрсетілмейді. Рұқсат етілген өрістер: {allowed}.",
            ru: "Поле «{field}» не поддерживается. Допустимые поля: {allowed}.",
            en: "The field \"{field}\" is not supported. Allowed fields: {allowed}."),

        // Message texts
        "sms.code.phone": Entry(
            kk: "Sakura: телефонды растау коды {code}. {minutes} минут жарамды. Ешкімге айтпаңыз.",
            ru: "Sakura: код подтверждения телефона {code}. Действует {minutes} мин. Никому его не сообщайте.",
            en: "Sakura: phone confirmation code {code}. Valid for {minutes} min. Do not share it."),
        "sms.code.login": Entry(
            kk: "Sakura: жеке кабинетке кіру коды {code}. {minutes} минут жарамды. Ешкімге айтпаңыз.",
            ru: "Sakura: код для входа в личный кабинет {code}. Действует {minutes} мин. Никому его не сообщайте.",
            en: "Sakura: personal cabinet login code {code}. Valid for {minutes} min. Do not share it."),
        "sms.code.reset": Entry(
            kk: "Sakura: құпиясөзді қалпына келтіру коды {code}. {minutes} минут жарамды. Қалпына келтіруді сұрамаған болсаңыз, кодты енгізбеңіз.",
            ru: "Sakura: код для сброса пароля {code}. Действует {minutes} мин. Если вы не запрашивали сброс, не вводите код.",
            en: "Sakura: password reset code {code}. Valid for {minutes} min. If you did not ask for a reset, do not enter it."),
        "email.password_changed.subject": Entry(
            kk: "Жеке кабинет құпиясөзі өзгертілді",
            ru: "Пароль личного кабинета изменён",
            en: "Your personal cabinet password was changed"),
        "notice.password_changed": Entry(
            kk: "Sakura: жеке кабинет құпиясөзі өзгертілді. Бұл сіз болмасаңыз, құпиясөзді SMS-кодпен қалпына келтіріңіз.",
            ru: "Sakura: пароль личного кабинета изменён. Если это были не вы, сбросьте пароль по коду из SMS.",
            en: "Sakura: your personal cabinet password was changed. If this was not you, reset the password with an SMS code."),
    ]
}
