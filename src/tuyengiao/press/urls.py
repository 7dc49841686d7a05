from django.urls import path

from tuyengiao.press import views

app_name = "press"

urlpatterns = [
    path("", views.article_index, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/import/", views.source_import, name="source-import"),
    path("sources/template.xlsx", views.source_template, name="source-template"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("sources/<int:pk>/crawl/", views.source_crawl, name="source-crawl"),
    path("sources/<int:pk>/feeds/", views.source_feed_add, name="source-feed-add"),
    path("sources/<int:pk>/run/", views.source_run, name="source-run"),
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<int:pk>/", views.topic_detail, name="topic-detail"),
    path("topics/<int:pk>/coverage.<str:fmt>", views.topic_export, name="topic-export"),
]
