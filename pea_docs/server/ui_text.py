"""The words of the clerk's page in Russian (default), Kazakh and English.

>>> text("kk")["journal"], text("xx")["journal"]
('Журнал', 'Журнал')
"""

from __future__ import annotations

__all__ = ["LANGS", "text"]

LANGS = ("ru", "kk", "en")

_WORDS: dict[str, dict[str, str]] = {
    "title": {"ru": "Делопроизводство ЧСИ", "kk": "ЖСО іс жүргізуі", "en": "PEA office work"},
    "journal": {"ru": "Журнал", "kk": "Журнал", "en": "Journal"},
    "new": {"ru": "Зарегистрировать", "kk": "Тіркеу", "en": "Register"},
    "letter": {"ru": "Письмо по шаблону", "kk": "Үлгі бойынша хат", "en": "Letter from a template"},
    "export": {"ru": "Выгрузить журнал", "kk": "Журналды жүктеу", "en": "Export the register"},
    "agent": {"ru": "Исполнитель", "kk": "Орындаушы", "en": "Agent"},
    "logout": {"ru": "Выйти", "kk": "Шығу", "en": "Log out"},
    "login": {"ru": "Вход", "kk": "Кіру", "en": "Log in"},
    "token": {"ru": "Ключ доступа", "kk": "Қол жеткізу кілті", "en": "Access token"},
    "incoming": {"ru": "Входящие", "kk": "Кіріс", "en": "Incoming"},
    "outgoing": {"ru": "Исходящие", "kk": "Шығыс", "en": "Outgoing"},
    "both": {"ru": "Все", "kk": "Барлығы", "en": "Both"},
    "search": {"ru": "Найти", "kk": "Іздеу", "en": "Search"},
    "text": {"ru": "Текст", "kk": "Мәтін", "en": "Text"},
    "date_from": {"ru": "С даты", "kk": "Күннен бастап", "en": "From"},
    "date_to": {"ru": "По дату", "kk": "Күнге дейін", "en": "To"},
    "number": {"ru": "№", "kk": "№", "en": "No."},
    "date": {"ru": "Дата", "kk": "Күні", "en": "Date"},
    "party": {"ru": "Корреспондент", "kk": "Корреспондент", "en": "Sender / recipient"},
    "summary": {"ru": "Краткое содержание", "kk": "Қысқаша мазмұны", "en": "Summary"},
    "stamp": {"ru": "Штамп", "kk": "Мөртаңба", "en": "Stamp"},
    "nothing": {"ru": "Записей нет", "kk": "Жазбалар жоқ", "en": "No entries"},
    "direction": {"ru": "Журнал", "kk": "Журнал", "en": "Register"},
    "sender": {"ru": "Откуда поступил / кому", "kk": "Қайдан түсті / кімге", "en": "From / to"},
    "doc_number": {"ru": "Номер документа", "kk": "Құжат нөмірі", "en": "Document number"},
    "doc_date": {"ru": "Дата документа", "kk": "Құжат күні", "en": "Document date"},
    "received": {"ru": "Поступил (дата и время)", "kk": "Түсті (күні мен уақыты)", "en": "Received (date, time)"},
    "outgoing_date": {"ru": "Дата отправки", "kk": "Жөнелту күні", "en": "Date sent"},
    "method": {"ru": "Способ отправки", "kk": "Жөнелту тәсілі", "en": "Sent by"},
    "kind": {"ru": "Вид", "kk": "Түрі", "en": "Kind"},
    "registered_as": {"ru": "Зарегистрирован", "kk": "Тіркелді", "en": "Registered"},
    "registered_on": {"ru": "Дата регистрации (п. 20 Правил)", "kk": "Тіркеу күні (Қағидалардың 20-т.)",
                      "en": "Registration date (rule 20)"},
    "download_stamp": {"ru": "Скачать штамп (DOCX)", "kk": "Мөртаңбаны жүктеу (DOCX)",
                       "en": "Download the stamp (DOCX)"},
    "stamp_document": {"ru": "Поставить штамп на документ", "kk": "Құжатқа мөртаңба қою",
                       "en": "Stamp a document"},
    "problems": {"ru": "Исправьте", "kk": "Түзетіңіз", "en": "Please correct"},
    "year": {"ru": "Год", "kk": "Жыл", "en": "Year"},
    "download": {"ru": "Скачать", "kk": "Жүктеу", "en": "Download"},
    "template": {"ru": "Шаблон", "kk": "Үлгі", "en": "Template"},
    "no_templates": {"ru": "Шаблонов нет: положите .docx в папку templates/ сервера",
                     "kk": "Үлгілер жоқ: .docx файлын сервердің templates/ қалтасына салыңыз",
                     "en": "No templates: put .docx files in the server's templates/ folder"},
    "render": {"ru": "Сформировать документ", "kk": "Құжатты жасау", "en": "Make the document"},
    "surname": {"ru": "Фамилия", "kk": "Тегі", "en": "Surname"},
    "name": {"ru": "Имя", "kk": "Аты", "en": "Name"},
    "patronymic": {"ru": "Отчество", "kk": "Әкесінің аты", "en": "Patronymic"},
    "license": {"ru": "Лицензия", "kk": "Лицензия", "en": "Licence"},
    "save": {"ru": "Сохранить", "kk": "Сақтау", "en": "Save"},
    "need_agent": {"ru": "Для штампа укажите исполнителя", "kk": "Мөртаңба үшін орындаушыны көрсетіңіз",
                   "en": "Set the agent for the stamp"},
    "office": {"ru": "Контора", "kk": "Кеңсе", "en": "Office"},
    "today": {"ru": "за сегодня", "kk": "бүгінгі", "en": "today"},
    "lines_hint": {"ru": "по одному на строку", "kk": "әр жолға біреуден", "en": "one per line"},
}


def text(lang: str) -> dict[str, str]:
    """Return the page's words in ``lang`` (Russian when it is not one of :data:`LANGS`)."""
    lang = lang if lang in LANGS else "ru"
    return {key: words[lang] for key, words in _WORDS.items()}
