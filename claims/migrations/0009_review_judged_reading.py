from decimal import Decimal

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

FIELDS = ("metric", "subject", "value", "lower", "upper", "qualifier")
NUMBERS = ("value", "lower", "upper")


def pin_readings(apps, schema_editor):
    """Each verdict given before readings were pinned gets the reading it judged: its claim's
    reading now, with every correction made since the verdict undone, newest first (each
    correction's Event keeps the fields as they were before it)."""
    Claim = apps.get_model("claims", "Claim")
    Event = apps.get_model("claims", "Event")
    Review = apps.get_model("claims", "Review")
    claim = Claim.objects.filter(id=OuterRef("claim_id"))
    Review.objects.update(**{f"judged_{name}": Subquery(claim.values(name)[:1]) for name in FIELDS})
    corrections = Event.objects.filter(object_type="claims.claim", action="correct")
    later_corrected = Review.objects.filter(claim_id__in=corrections.values("object_id")).order_by("id")
    for review in later_corrected.iterator():
        undone = False
        for event in corrections.filter(object_id=review.claim_id, created_at__gt=review.created_at).order_by("-id"):
            for name, before in event.data.get("before", {}).items():
                if name in FIELDS:
                    setattr(review, f"judged_{name}", Decimal(before) if name in NUMBERS and before is not None
                            else before)
                    undone = True
        if undone:
            review.save(update_fields=[f"judged_{name}" for name in FIELDS])
    # A row updated twice in one transaction leaves its deferred foreign-key checks pending, and
    # PostgreSQL alters no table with pending checks ("pending trigger events"): run them now,
    # before the constraint below.
    schema_editor.connection.check_constraints(table_names=[Review._meta.db_table])


class Migration(migrations.Migration):
    """A verdict pinned to the reading it judged: what a correction can change of its claim."""

    dependencies = [
        ("claims", "0008_candidate_start_index_with_end_as_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="judged_metric",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="review",
            name="judged_subject",
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name="review",
            name="judged_value",
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True),
        ),
        migrations.AddField(
            model_name="review",
            name="judged_lower",
            field=models.DecimalField(blank=True, decimal_places=4, help_text="Empty: unbounded below",
                                      max_digits=20, null=True),
        ),
        migrations.AddField(
            model_name="review",
            name="judged_upper",
            field=models.DecimalField(blank=True, decimal_places=4, help_text="Empty: unbounded above",
                                      max_digits=20, null=True),
        ),
        migrations.AddField(
            model_name="review",
            name="judged_qualifier",
            field=models.CharField(
                choices=[("exact", "Exact"), ("approx", "Approximately"), ("more_than", "More than"),
                         ("at_least", "At least"), ("less_than", "Less than"), ("at_most", "At most"),
                         ("range", "Range")],
                default="", max_length=10,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(pin_readings, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=~models.Q(judged_metric="") & ~models.Q(judged_qualifier=""), name="review_pins_its_reading"
            ),
        ),
    ]
