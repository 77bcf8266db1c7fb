"""Languages and translation: everything about the guide in the reader's language.

- `locales.py`: which languages exist (one catalog folder each) and their tags;
- `negotiation.py`: choosing a reader's language from their choice or browser;
- `catalogs.py`: reading each catalog once: translations, review status, statistics;
- `review.py`: a language's review line; `reviewed_messages.py`: which translations
  the review covered, so that a sentence changed since is shown as not checked;
- `translator.py`: gettext for templates, returning safe HTML or marked English;
- `rules.py`: what a translation must keep of its English (the run time and the
  check share it); `markup.py`: the sanitizer; `plural_forms.py`: CLDR's rules;
- `check.py`, `tools.py`, `stats.py`, `reviewing.py`: the translators'
  `python -m pwa i18n ...`.
"""
