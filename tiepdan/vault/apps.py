from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "tiepdan.vault"
    label = "vault"
    verbose_name = "Niêm phong"

    def ready(self) -> None:
        from tiepdan.citizens import visibility
        from tiepdan.vault import checks, rule  # noqa: F401 (checks registers itself)

        # Every list of persons leaves out those the reader may not know denounced.
        visibility.register_hidden(rule.sealed_person_q)
