#!/usr/bin/env bash
# Een what-if-sessie voor trainers: verander één feit van een voorbeeldcasus en laat de zaal zien wat er in het
# advies verandert, en door welke regels. Draai het script in zijn geheel, of kopieer de opdrachten één voor één
# naar de terminal en laat de groep eerst voorspellen wat er gaat gebeuren.
#
#   bash examples/whatif_sessie.sh          (pmm-rules moet op het PATH staan, bijv. na `pip install -e .`)
#
# Elke opdracht toont: "Wat verandert" (het advies voor en na), "Regels die nu wel gelden" (+) en "Regels die niet
# meer gelden" (-). Met `pmm-rules explain REGEL` laat je daarna de regel zelf zien, met de artikelen.
set -euo pipefail
cd "$(dirname "$0")"

stap() { printf '\n=== %s\n' "$1"; }

# 1. De 18e verjaardag verschuift.
# De jongere in achttien_min_plus.yaml (geboren 2009-02-15) wordt op 15 februari 2027 18, binnen een half jaar na
# de peildatum (1 november 2026). De jeugd-ggz stopt dan bij de Jeugdwet en er is nog niets geregeld: het advies
# meldt een overgang (transition). Is hij een jaar later geboren, dan is de overgang nog ver weg: de zaal ziet de
# botsing verdwijnen, en de regel jeugdwet.transitie.ggz_naar_zvw niet meer gelden.
stap "Geboren in 2010 in plaats van 2009: de 18e verjaardag is nog ver weg"
pmm-rules whatif achttien_min_plus.yaml --set members.jongere.birth_date=2010-02-15

# Is hij juist al 18 (geboren in 2008), dan gaat de behandeling naar de Zorgverzekeringswet (de zorgverzekeraar
# betaalt) en valt de begeleiding onder de Wmo 2015, naast verlengde jeugdhulp. Let op: de verantwoordelijke voor
# de behandeling wisselt van gemeente naar zorgverzekeraar.
stap "Geboren in 2008: de jongere is al 18"
pmm-rules whatif achttien_min_plus.yaml --set members.jongere.birth_date=2008-06-01

# 2. De gemeente is niet aangesloten bij PMM.
# Alleen aangesloten gemeenten hebben een maatwerkfunctionaris in het Landelijk Maatwerkregister. Is de gemeente
# niet aangesloten, dan gaat de vastgelopen casus na de reguliere route rechtstreeks naar het Landelijk
# Maatwerkloket (LMM). De zaal ziet alleen de volgende stap veranderen; de botsingen blijven gelijk.
stap "De gemeente van de stemtolk is niet aangesloten bij PMM"
pmm-rules whatif stemtolk.yaml --set municipality.pmm_connected=false

# 3. De gemeente laat het huishouden toe tot de schuldhulpverlening.
# Het huishouden in schulden_ontruiming.yaml heeft een ontruimingsvonnis en is aangemeld bij de gemeente. Tegen de
# ontruiming zelf past het smal moratorium (Fw 287b): de rechtbank kan de ontruiming tot zes maanden stilzetten,
# alleen tegen de verhuurder. Na de toelating komt daar het breed moratorium bij (Wgs art. 5): alleen het college
# kan het vragen, het zet alle schuldeisers die verhaal zoeken stil, maar houdt een ontruiming of afsluiting níet
# tegen. De zaal ziet het breed moratorium verschijnen en het smal moratorium blijven; de termijn voor het eerste
# gesprek verdwijnt, want dat gesprek is geweest. Ook de stabilisatie en de CJIB-noodstop verdwijnen: na de toelating
# loopt de pauze via de Kennisgeving (het advies vraagt of de gemeente die gebruikt), en bij de Belastingdienst vraagt
# de schuldhulpverlener uitstel van betaling voor de duur van de schuldregeling.
stap "De gemeente heeft het huishouden toegelaten tot de schuldhulpverlening"
pmm-rules whatif schulden_ontruiming.yaml --set debt_assistance.status=toegelaten

# 4. Het CIZ beslist.
# Mevrouw in wlz_wachtend.yaml wacht op een Wlz-indicatie; intussen helpt de gemeente (Wmo 2015) en is overbrugging
# aan de orde. Met de indicatie (en geen lopende aanvraag meer) gaat de zorg naar het zorgkantoor en verdwijnen de
# botsing 'pending' en de overbrugging. Twee --set-opties in één keer: ze gelden samen.
stap "Het CIZ heeft geïndiceerd"
pmm-rules whatif wlz_wachtend.yaml --set 'members.mevrouw.indications=[wlz_indicatie]' --set 'members.mevrouw.pending=[]'
