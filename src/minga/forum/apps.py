from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "minga.forum"
    label = "forum"
    verbose_name = "Forums (sessions, questions, statements, votes)"
