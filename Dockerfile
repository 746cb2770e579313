FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# The extraction engine compiled with mypyc (claims/extraction/native.py); gcc is needed only here.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && python -m claims.extraction.build \
    && apt-get purge -y --auto-remove gcc libc6-dev && rm -rf /var/lib/apt/lists/*
# The gazetteer's alias index (claims/extraction/gazetteer/index.py), so that a worker loads it in
# a fraction of a second instead of building it.
RUN python -m claims.extraction.gazetteer.build
RUN DJANGO_SECRET_KEY=build-only-collectstatic python manage.py collectstatic --noinput
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
