from django.db import migrations


class Migration(migrations.Migration):
    """The vault's models leave this app's state: they live in `vault` (vault 0001) on the
    same tables. State only."""

    dependencies = [
        ("cases", "0016_document_render_state"),
        ("vault", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="identityrecord",
                    name="case",
                ),
                migrations.RemoveField(
                    model_name="identityrecord",
                    name="citizen",
                ),
                migrations.RemoveField(
                    model_name="identityrecord",
                    name="petition",
                ),
                migrations.RemoveField(
                    model_name="identityrecord",
                    name="visit",
                ),
                migrations.RemoveField(
                    model_name="sealedfile",
                    name="identity",
                ),
                migrations.RemoveField(
                    model_name="sealedtext",
                    name="case",
                ),
                migrations.DeleteModel(
                    name="IdentityGrant",
                ),
                migrations.DeleteModel(
                    name="IdentityRecord",
                ),
                migrations.DeleteModel(
                    name="SealedFile",
                ),
                migrations.DeleteModel(
                    name="SealedText",
                ),
            ],
        ),
    ]
