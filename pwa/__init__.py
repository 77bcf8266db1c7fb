"""An offline-first, multilingual family guide to childhood leiomyosarcoma."""
