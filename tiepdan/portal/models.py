"""The citizens' own channel: what a citizen sent online (with its tracking code), the messages
the agency sent them, and their rating of the handling."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel


class PublicSubmission(TimeStampedModel):
    """A petition sent through the public channel; the tracking code is the citizen's key."""

    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.PROTECT, related_name="public_submission"
    )
    tracking_code = models.CharField(_("mã tra cứu"), max_length=20, unique=True)
    request = models.TextField(_("yêu cầu của người gửi"), blank=True)
    # Only keyed digests of the CCCD and phone given, to match a look-up: the identity itself
    # lives with the petition's senders (sealed for a denunciation), never here.
    id_digest = models.CharField(max_length=64, blank=True, editable=False)
    phone_digest = models.CharField(max_length=64, blank=True, editable=False)
    # The e-mail address and the phone number given for notices, encrypted with the field key
    # (tiepdan.vault): a denouncer's are never kept in plain, and nobody else's either. The phone
    # is the one typed on the form, not the registry's: a CCCD typed by someone else must not
    # have its holder texted.
    email_enc = models.BinaryField(null=True, blank=True, editable=False)
    phone_enc = models.BinaryField(null=True, blank=True, editable=False)
    received_at = models.DateTimeField(_("thời điểm nhận"))

    class Meta:
        verbose_name = _("đơn gửi trực tuyến")
        verbose_name_plural = _("đơn gửi trực tuyến")

    def __str__(self) -> str:
        return self.tracking_code


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    # An attempt failed and another is due later (with backoff).
    RETRYING = "retrying", _("Gửi lỗi, sẽ gửi lại")
    FAILED = "failed", _("Gửi lỗi")


class Channel(models.TextChoices):
    ZNS = "zns", _("Zalo ZNS")
    SMS = "sms", _("Tin nhắn SMS")
    EMAIL = "email", _("Thư điện tử")


class Notification(TimeStampedModel):
    """One message to a citizen about their petition, with every attempt's outcome."""

    petition = models.ForeignKey("petitions.Petition", on_delete=models.PROTECT, related_name="+")
    event = models.CharField(_("sự kiện"), max_length=30)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel, default=Channel.SMS)
    # Masked: the number or address is read from the submission when the message goes out.
    recipient = models.CharField(_("người nhận"), max_length=40)
    text = models.CharField(_("nội dung"), max_length=320)
    # The template's values (unit, code, date, receiving agency, outcome word): what a Zalo
    # template is filled with, and what a fallback message is written from. Never a person.
    data = models.JSONField(default=dict, blank=True, editable=False)
    # The message this one replaces on the next channel, after it failed (ZNS → SMS).
    fallback_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fallback",
        verbose_name=_("thay cho tin"),
    )
    # The gateway's id of the message (Zalo's msg_id), for reconciliation.
    provider_ref = models.CharField(_("mã tin của cổng"), max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn cho công dân")
        verbose_name_plural = _("tin nhắn cho công dân")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One message per petition and step: a retried hook never texts twice.
            models.UniqueConstraint(
                fields=["petition", "event", "channel"], name="portal_notification_once"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="portal_notif_status")]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient}"


class Rating(TimeStampedModel):
    """The citizen's rating of the handling, once, after the matter closed."""

    submission = models.OneToOneField(
        PublicSubmission, on_delete=models.PROTECT, related_name="rating"
    )
    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("mức hài lòng"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("đánh giá của công dân")
        verbose_name_plural = _("đánh giá của công dân")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="portal_rating_score_range"
            ),
        ]
        indexes = [models.Index(fields=["unit", "created_at"], name="portal_rating_unit")]

    def __str__(self) -> str:
        return f"{self.submission}: {self.score}"
