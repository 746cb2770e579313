"""The roles of DESIGN.md as groups: reviewer, editor, admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    "articles.view_source", "articles.view_article", "claims.view_claim", "claims.view_figure",
    "claims.view_conflict", "claims.view_review", "claims.view_event",
]
REVIEWER = VIEW_ALL + ["claims.change_claim", "claims.change_conflict", "claims.add_review", "claims.change_review"]
EDITOR = REVIEWER + ["claims.publish_review"]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codes):
        found = []
        for code in codes:
            app_label, codename = code.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    for name, codes in (("reviewer", REVIEWER), ("editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(codes))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(Permission.objects.filter(
        content_type__app_label__in=["articles", "claims", "auth"]
    ))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["reviewer", "editor", "admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
