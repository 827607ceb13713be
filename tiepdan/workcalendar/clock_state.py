"""A clock's state as the API shows it: computed from the due date and today, beside the stored
status (which a clock keeps until it is stopped)."""

from rest_framework import serializers

from tiepdan.workcalendar.models import Clock


class ClockStateFields(serializers.Serializer[Clock]):
    status = serializers.CharField(help_text="Trạng thái đã ghi (chỉ đổi khi thời hạn kết thúc).")
    state = serializers.ChoiceField(
        choices=Clock.Status.values,
        help_text="Trạng thái tính theo hạn và ngày hôm nay: đã quá hạn là `missed`.",
    )
    state_label = serializers.CharField(help_text="Trạng thái để hiển thị (tiếng Việt).")


def clock_state(clock: Clock) -> dict[str, str]:
    return {"status": clock.status, "state": clock.state(), "state_label": clock.state_label}
