"""Pages and feeds written for the web-ingestion tests, in French, Spanish, German and English.

Invented outlets (.example domains) and invented places, so nothing here is a real report.
"""

from __future__ import annotations

PAGE_FR = """<!DOCTYPE html>
<html lang="fr-FR"><head><meta charset="utf-8">
<title>Valmora : le bilan des crues s'alourdit | Le Courrier du Sud</title>
<meta property="og:title" content="Valmora : le bilan des crues s'alourdit">
<meta property="article:published_time" content="2024-03-08T09:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Valmora : le bilan des crues s'alourdit</h1>
<p>Au moins 47 personnes ont péri dans les crues qui ont frappé la vallée de Valmora depuis jeudi,
a annoncé vendredi la protection civile régionale, qui redoute un bilan plus lourd.</p>
<p>Plus de 1 200 habitants ont été évacués vers des gymnases et des écoles de la région, selon la
préfecture, qui a ouvert une cellule de crise et demandé aux riverains de rester chez eux.</p>
<p>Les secours poursuivaient samedi leurs recherches le long de la rivière, où plusieurs ponts ont
été emportés par les eaux, compliquant l'accès aux villages isolés de la haute vallée.</p>
</article>
<footer>© Le Courrier du Sud — Mentions légales — Contact</footer>
</body></html>"""

PAGE_ES = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>Inundaciones en Valmora: decenas de muertos</title>
<meta name="date" content="2024-03-09">
<link rel="canonical" href="https://diario-norte.example/valmora-inundaciones">
</head><body>
<header>Diario del Norte · Portada · Internacional</header>
<main><article>
<h1>Inundaciones en Valmora: decenas de muertos</h1>
<p>Al menos 52 personas han muerto en las inundaciones que azotan el valle de Valmora desde el
jueves, según informó el sábado la protección civil regional en un comunicado.</p>
<p>Más de 1.300 vecinos fueron evacuados a polideportivos y colegios de la zona, mientras los
equipos de rescate buscan a los desaparecidos a lo largo del río desbordado.</p>
<p>Las autoridades han pedido a la población que evite los desplazamientos y han cerrado varias
carreteras de montaña por el riesgo de nuevos desprendimientos.</p>
</article></main>
<footer>Diario del Norte · Aviso legal</footer>
</body></html>"""

PAGE_DE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="content-language" content="de">
<title>Hochwasser in Valmora</title>
</head><body>
<article>
<h1>Hochwasser in Valmora</h1>
<p>Bei dem Hochwasser im Tal von Valmora sind nach Angaben des regionalen Zivilschutzes mindestens
47 Menschen ums Leben gekommen, wie die Behörde am Freitag mitteilte.</p>
<p>Mehr als 1200 Bewohner wurden in Turnhallen und Schulen der Region gebracht, berichtete die
Deutsche Presse-Agentur unter Berufung auf die Präfektur.</p>
<p>Die Suche nach Vermissten entlang des Flusses dauerte am Samstag an, mehrere Brücken wurden von
den Wassermassen fortgerissen.</p>
</article>
</body></html>"""

EMPTY_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Sign in</title></head>
<body><nav>Home</nav><form><input name="user"></form></body></html>"""


def rss_fr(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Le Courrier du Sud — International</title>
<link>{base}/</link>
<language>fr-fr</language>
<item>
  <title>Valmora : des milliers d'évacués</title>
  <link>{base}/articles/evacues?utm_source=rss</link>
  <guid>{base}/articles/evacues</guid>
  <pubDate>Sat, 09 Mar 2024 07:00:00 +0100</pubDate>
  <description><![CDATA[<p>Plus de 3 000 habitants de la vallée de Valmora ont dû quitter leur
  domicile depuis jeudi, a indiqué samedi la préfecture, qui a réquisitionné plusieurs gymnases et
  internats pour les accueillir.</p><p>Les pluies doivent se poursuivre jusqu'à lundi selon les
  prévisionnistes, qui placent la région en vigilance rouge, et les écoles resteront fermées
  jusqu'à nouvel ordre dans les communes les plus touchées de la haute vallée.</p>]]></description>
</item>
<item>
  <title>Crues : une digue cède près de Valmora</title>
  <link>{base}/articles/digue</link>
  <pubDate>Sun, 10 Mar 2024 18:15:00 +0100</pubDate>
  <description>Une digue a cédé dimanche près de Valmora.</description>
</item>
</channel></rss>"""


def atom_de(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Nordkurier Nachrichten</title>
<id>{base}/atom</id>
<updated>2024-03-09T12:00:00Z</updated>
<entry>
  <title>Valmora: Zahl der Toten steigt</title>
  <link href="{base}/de/valmora-tote"/>
  <id>{base}/de/valmora-tote</id>
  <published>2024-03-09T11:00:00Z</published>
  <updated>2024-03-09T11:30:00Z</updated>
  <content type="html">&lt;p&gt;Die Zahl der Todesopfer nach dem Hochwasser in Valmora ist auf mindestens 52
  gestiegen, teilte der regionale Zivilschutz am Samstag mit. Viele Menschen werden noch vermisst,
  die Suche entlang des Flusses wurde in der Nacht unterbrochen und am Morgen wieder aufgenommen.&lt;/p&gt;
  &lt;p&gt;Mehr als 3000 Menschen mussten ihre Häuser verlassen. Die Regionalregierung kündigte
  Soforthilfen für die betroffenen Gemeinden an und bat die Armee um Unterstützung bei der Räumung
  der verschütteten Straßen im oberen Tal.&lt;/p&gt;</content>
</entry>
</feed>"""


# The full page behind the French feed's short "digue" entry.
PAGE_DIGUE = """<!DOCTYPE html><html lang="fr"><head><title>Crues : une digue cède près de Valmora</title>
<meta property="article:published_time" content="2024-03-10T18:15:00+01:00"></head><body><article>
<h1>Crues : une digue cède près de Valmora</h1>
<p>Une digue a cédé dimanche soir près de Valmora, inondant trois hameaux de la basse vallée où
quelque 400 personnes avaient refusé de quitter leur maison malgré les consignes d'évacuation.</p>
<p>Les pompiers ont mené une quarantaine d'hélitreuillages dans la nuit, a précisé la préfecture,
qui ne signale pas de nouvelle victime à ce stade mais reste très prudente sur le bilan.</p>
</article></body></html>"""
