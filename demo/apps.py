from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation and the benchmark: they read every other app, so they sit on top."""

    name = "demo"
    verbose_name = "Demo"
