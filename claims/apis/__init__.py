"""REST API v1 for claims, figures, conflicts, reviews, published ClaimReviews and users, a module
per resource (config/api_urls.py maps the paths).

Each API validates its input with an InputSerializer, calls one service or selector, and renders
with an OutputSerializer. Who may do what is checked twice: by the permission class here (for a
clear refusal before any work) and by the service (the rule every entry point shares).
"""
