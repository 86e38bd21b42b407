from onboarding import training_admin  # noqa: F401
