from django.urls import path

from tiepdan.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("backlog/", views.backlog, name="backlog"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/classify/", views.petition_classify, name="classify"),
    path("<int:pk>/propose/", views.petition_propose, name="propose"),
    path("<int:pk>/proposal.docx", views.proposal_download, name="proposal"),
    path("<int:pk>/decide/", views.petition_decide, name="decide"),
    path("<int:pk>/split/", views.petition_split, name="split"),
    path("<int:pk>/duplicate/", views.petition_duplicate, name="duplicate"),
    path("<int:pk>/urge/", views.petition_urge, name="urge"),
    path("<int:pk>/review/", views.petition_review, name="review"),
    path("transfers/<int:pk>/acknowledge/", views.transfer_acknowledge, name="acknowledge"),
    path("transfers/<int:pk>/reply/", views.transfer_reply, name="reply"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/retry/", views.attachment_retry, name="attachment-retry"),
]
