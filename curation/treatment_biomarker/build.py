import csv, pathlib
D = pathlib.Path(__file__).parent

# ---------------- sources ----------------
S = [
("hauser2017","Hauser SL et al. (2017). Ocrelizumab versus Interferon Beta-1a in Relapsing Multiple Sclerosis. N Engl J Med.","2017","10.1056/NEJMoa1601277","28002679"),
("raison2013","Raison CL et al. (2013). A randomized controlled trial of the tumor necrosis factor antagonist infliximab for treatment-resistant depression: the role of baseline inflammatory biomarkers. JAMA Psychiatry.","2013","10.1001/2013.jamapsychiatry.4","22945416"),
("kohler2014","Köhler O et al. (2014). Effect of anti-inflammatory treatment on depression, depressive symptoms, and adverse effects: a systematic review and meta-analysis of randomized clinical trials. JAMA Psychiatry.","2014","10.1001/jamapsychiatry.2014.1611","25322082"),
("jacka2017","Jacka FN et al. (2017). A randomised controlled trial of dietary improvement for adults with major depression (the 'SMILES' trial). BMC Med.","2017","10.1186/s12916-017-0791-y","28137247"),
("koopman2016","Koopman FA et al. (2016). Vagus nerve stimulation inhibits cytokine production and attenuates disease severity in rheumatoid arthritis. Proc Natl Acad Sci U S A.","2016","10.1073/pnas.1605635113","27382171"),
("wolfe2016","Wolfe GI et al. (2016). Randomized Trial of Thymectomy in Myasthenia Gravis. N Engl J Med.","2016","10.1056/NEJMoa1602489","27509100"),
("gilhus2019","Gilhus NE et al. (2019). Myasthenia gravis. Nat Rev Dis Primers.","2019","10.1038/s41572-019-0079-y",""),
("shahrizaila2021","Shahrizaila N et al. (2021). Guillain-Barré syndrome. Lancet.","2021","10.1016/S0140-6736(21)00517-1",""),
("leonhard2019","Leonhard SE et al. (2019). Diagnosis and management of Guillain-Barré syndrome in ten steps. Nat Rev Neurol.","2019","10.1038/s41582-019-0250-9","31541214"),
("khalil2018","Khalil M et al. (2018). Neurofilaments as biomarkers in neurological disorders. Nat Rev Neurol.","2018","10.1038/s41582-018-0058-z",""),
("gaetani2019","Gaetani L et al. (2019). Neurofilament light chain as a biomarker in neurological disorders. J Neurol Neurosurg Psychiatry.","2019","10.1136/jnnp-2018-320106",""),
("thompson2018","Thompson AJ et al. (2018). Diagnosis of multiple sclerosis: 2017 revisions of the McDonald criteria. Lancet Neurol.","2018","10.1016/S1474-4422(17)30470-2","29275977"),
("hauser2020","Hauser SL et al. (2020). Treatment of Multiple Sclerosis: A Review. Am J Med.","2020","10.1016/j.amjmed.2020.05.049","32682869"),
("brandstadter2020","Brandstadter R et al. (2020). Advances in the Treatment of Neuromyelitis Optica Spectrum Disorders. US Neurology.","2020","10.17925/USN.2020.16.1.38",""),
("bril2023","Bril V et al. (2023). Effect of efgartigimod on muscle group subdomains in participants with generalized myasthenia gravis: post hoc analyses of the phase 3 pivotal ADAPT study. Eur J Neurol.","2023","10.1111/ene.16098","37843174"),
("howard2021","Howard JF Jr et al. (2021). Long-term efficacy of eculizumab in refractory generalized myasthenia gravis: responder analyses. Ann Clin Transl Neurol.","2021","10.1002/acn3.51376","34043280"),
("wingerchuk2015","Wingerchuk DM et al. (2015). International consensus diagnostic criteria for neuromyelitis optica spectrum disorders. Neurology.","2015","10.1212/WNL.0000000000001729",""),
("abdelhak2022","Abdelhak A et al. (2022). Blood GFAP as an emerging biomarker in brain and spinal cord disorders. Nat Rev Neurol.","2022","10.1038/s41582-021-00616-3",""),
("jack2018","Jack CR Jr et al. (2018). NIA-AA Research Framework: Toward a biological definition of Alzheimer's disease. Alzheimers Dement.","2018","10.1016/j.jalz.2018.02.018",""),
("dalmau2019","Dalmau J et al. (2019). An update on anti-NMDA receptor encephalitis for neurologists and psychiatrists: mechanisms and models. Lancet Neurol.","2019","10.1016/S1474-4422(19)30244-3",""),
("vanrheenen2010","van Rheenen PF et al. (2010). Faecal calprotectin for screening of patients with suspected inflammatory bowel disease: diagnostic meta-analysis. BMJ.","2010","10.1136/bmj.c3369","20634346"),
("lebwohl2018","Lebwohl B et al. (2018). Coeliac disease. Lancet.","2018","10.1016/S0140-6736(17)31796-8","28760445"),
("osimo2019","Osimo EF et al. (2019). Prevalence of low-grade inflammation in depression: a systematic review and meta-analysis of CRP levels. Psychol Med.","2019","10.1017/S0033291719001454","31258105"),
("dowlati2010","Dowlati Y et al. (2010). A meta-analysis of cytokines in major depression. Biol Psychiatry.","2010","10.1016/j.biopsych.2009.09.033",""),
("mignot2002","Mignot E et al. (2002). The role of cerebrospinal fluid hypocretin measurement in the diagnosis of narcolepsy and other hypersomnias. Arch Neurol.","2002","","12374492"),
("suarezcalvet2016","Suárez-Calvet M et al. (2016). sTREM2 cerebrospinal fluid levels are a potential biomarker for microglia activity in early-stage Alzheimer's disease and associate with neuronal injury markers. EMBO Mol Med.","2016","10.15252/emmm.201506123",""),
("smolen2018","Smolen JS et al. (2018). Rheumatoid arthritis. Nat Rev Dis Primers.","2018","10.1038/nrdp.2018.1",""),
("kotze2018","Kotze PG et al. (2018). Clinical utility of ustekinumab in Crohn's disease. J Inflamm Res.","2018","10.2147/JIR.S157358",""),
("dart2017","Dart RJ et al. (2017). Vedolizumab: toward a personalized therapy paradigm for people with ulcerative colitis. Clin Exp Gastroenterol.","2017","10.2147/CEG.S110547","28424557"),
("wang2014","Wang MC et al. (2014). PRISMA—Efficacy and Safety of Vedolizumab for Inflammatory Bowel Diseases: A Systematic Review and Meta-Analysis of Randomized Controlled Trials. Medicine (Baltimore).","2014","10.1097/MD.0000000000000326","25526490"),
("neurath2014","Neurath MF (2014). Cytokines in inflammatory bowel disease. Nat Rev Immunol.","2014","10.1038/nri3661",""),
("dinarello2012","Dinarello CA et al. (2012). Treating inflammation by blocking interleukin-1 in a broad spectrum of diseases. Nat Rev Drug Discov.","2012","10.1038/nrd3800",""),
("deakin2018","Deakin B et al. (2018). The benefit of minocycline on negative symptoms of schizophrenia in patients with recent-onset psychosis (BeneMin): a randomised, double-blind, placebo-controlled trial. Lancet Psychiatry.","2018","10.1016/S2215-0366(18)30345-6","30322824"),
("liao2019","Liao Y et al. (2019). Efficacy of omega-3 PUFAs in depression: A meta-analysis. Transl Psychiatry.","2019","10.1038/s41398-019-0515-5","31383846"),
("bloch2012","Bloch MH et al. (2012). Omega-3 fatty acids for the treatment of depression: systematic review and meta-analysis. Mol Psychiatry.","2012","10.1038/mp.2011.100","21931319"),
("gleeson2011","Gleeson M et al. (2011). The anti-inflammatory effects of exercise: mechanisms and implications for the prevention and treatment of disease. Nat Rev Immunol.","2011","10.1038/nri3041","21818123"),
("liu2019","Liu RT et al. (2019). Prebiotics and probiotics for depression and anxiety: A systematic review and meta-analysis of controlled clinical trials. Neurosci Biobehav Rev.","2019","10.1016/j.neubiorev.2019.03.023","31004628"),
("aaronson2017","Aaronson ST et al. (2017). A 5-Year Observational Study of Patients With Treatment-Resistant Depression Treated With Vagus Nerve Stimulation or Treatment as Usual: Comparison of Response, Remission, and Suicidality. Am J Psychiatry.","2017","10.1176/appi.ajp.2017.16010034","28359201"),
("kaul2016","Kaul A et al. (2016). Systemic lupus erythematosus. Nat Rev Dis Primers.","2016","10.1038/nrdp.2016.39",""),
("suzuki1998","Suzuki T et al. (1998). Anti-GQ1b ganglioside antibody and ophthalmoplegia of undetermined cause. Br J Ophthalmol.","1998","10.1136/bjo.82.8.916",""),
("craigschapiro2010","Craig-Schapiro R et al. (2010). YKL-40: a novel prognostic fluid biomarker for preclinical Alzheimer's disease. Biol Psychiatry.","2010","10.1016/j.biopsych.2010.08.025","21035623"),
("linker2011","Linker RA et al. (2011). Fumaric acid esters exert neuroprotective effects in neuroinflammation via activation of the Nrf2 antioxidant pathway. Brain.","2011","10.1093/brain/awq386",""),
("hughes2008","Hughes RA et al. (2008). Intravenous immune globulin (10% caprylate-chromatography purified) for the treatment of chronic inflammatory demyelinating polyradiculoneuropathy (ICE study): a randomised placebo-controlled trial. Lancet Neurol.","2008","10.1016/S1474-4422(07)70329-0","18178525"),
("borisow2018","Borisow N et al. (2018). Diagnosis and Treatment of NMO Spectrum Disorder and MOG-Encephalomyelitis. Front Neurol.","2018","10.3389/fneur.2018.00888",""),
("fairhurst2018","Fairhurst NG et al. (2018). Why is it so difficult to evaluate faecal microbiota transplantation as a treatment for ulcerative colitis? Intest Res.","2018","10.5217/ir.2018.16.2.209","29743833"),
("lenercept1999","The Lenercept Multiple Sclerosis Study Group et al. (1999). TNF neutralization in MS: results of a randomized, placebo-controlled multicenter study. Neurology.","1999","","10449104"),
]
def url(doi, pmid):
    return f"https://doi.org/{doi}" if doi else f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"

# ---------------- nodes ----------------
# (id, label, type, compartment, synonyms, description)
N = [
# treatments
("MESH:D000069442","Natalizumab","treatment","circulation","Tysabri|anti-α4-integrin","Monoclonal antibody against α4-integrin that stops immune cells from crossing blood vessel walls into the brain and gut; highly effective in relapsing MS but carries a risk of PML."),
("DRUGBANK:DB11988","Ocrelizumab","treatment","circulation","Ocrevus|anti-CD20","Humanised anti-CD20 antibody that depletes B cells; approved for relapsing and primary progressive multiple sclerosis."),
("MESH:D000069283","Rituximab","treatment","circulation","anti-CD20","Chimeric anti-CD20 antibody that depletes B cells; used off-label in MS, NMOSD, myasthenia gravis and autoimmune encephalitis."),
("MESH:D000068576","Interferon beta-1a","treatment","circulation","IFN-β-1a|Avonex|Rebif","Recombinant interferon-β, one of the first disease-modifying injections for relapsing multiple sclerosis."),
("MESH:D000068876","Fingolimod","treatment","circulation","FTY720|Gilenya|S1P modulator","Oral sphingosine-1-phosphate receptor modulator that traps lymphocytes in lymph nodes so fewer reach the brain."),
("MESH:D000069462","Dimethyl fumarate","treatment","circulation","Tecfidera|DMF|BG-12","Oral fumaric acid ester for relapsing MS; activates the Nrf2 antioxidant pathway and dampens inflammation."),
("MESH:D000074323","Alemtuzumab","treatment","circulation","Lemtrada|anti-CD52","Anti-CD52 antibody that deeply depletes T and B lymphocytes, after which the immune system repopulates; used for highly active MS."),
("MESH:D017338","Cladribine","treatment","circulation","Mavenclad","Purine analogue given in short oral courses that selectively depletes lymphocytes; used for relapsing MS."),
("MESH:D000068717","Glatiramer acetate","treatment","circulation","Copaxone|copolymer-1","Synthetic peptide mixture resembling myelin basic protein; an older injectable immunomodulator for relapsing MS."),
("MESH:D008775","Methylprednisolone","treatment","circulation","high-dose corticosteroids|IVMP","Synthetic glucocorticoid given at high dose to shorten acute attacks of MS, NMOSD, MOGAD and autoimmune encephalitis."),
("MESH:D016756","Intravenous immunoglobulin","treatment","circulation","IVIG|IVIg","Pooled IgG from thousands of donors infused to modulate antibody-mediated autoimmunity, e.g. in GBS, CIDP and myasthenic crises."),
("MESH:D010951","Plasma exchange","treatment","circulation","PLEX|plasmapheresis","Procedure that removes the patient's plasma (and its autoantibodies) and replaces it with albumin or donor plasma."),
("DRUGBANK:DB01257","Eculizumab","treatment","circulation","Soliris|anti-C5","Monoclonal antibody that blocks complement protein C5 and so the membrane attack complex; approved for AChR+ myasthenia gravis and AQP4+ NMOSD."),
("NIA:satralizumab","Satralizumab","treatment","circulation","Enspryng|anti-IL-6R","Recycling anti-IL-6 receptor antibody that reduces relapses in AQP4-IgG-positive NMOSD."),
("DRUGBANK:DB06273","Tocilizumab","treatment","circulation","Actemra|RoActemra|anti-IL-6R","Anti-IL-6 receptor antibody used for rheumatoid arthritis and other IL-6-driven inflammatory diseases."),
("NIA:inebilizumab","Inebilizumab","treatment","circulation","Uplizna|MEDI-551|anti-CD19","Anti-CD19 antibody that depletes B cells and plasmablasts; approved for AQP4-IgG-positive NMOSD."),
("NIA:efgartigimod","Efgartigimod","treatment","circulation","Vyvgart|ARGX-113|FcRn blocker","Engineered IgG1 Fc fragment that blocks the neonatal Fc receptor so IgG (including autoantibodies) is degraded faster; used in generalised myasthenia gravis."),
("MESH:D000069285","Infliximab","treatment","circulation","Remicade|anti-TNF","Chimeric anti-TNF antibody used in rheumatoid arthritis and IBD; also tested in treatment-resistant depression."),
("MESH:D000068879","Adalimumab","treatment","circulation","Humira|anti-TNF","Fully human anti-TNF antibody given by injection for rheumatoid arthritis, Crohn's disease and ulcerative colitis."),
("NIA:lenercept","Lenercept","treatment","circulation","sTNFR-IgG p55|TNF receptor fusion protein","Soluble TNF receptor fusion protein; its MS trial showed that blocking TNF makes MS relapses worse."),
("MESH:D053590","Anakinra","treatment","circulation","Kineret|IL-1 receptor antagonist|IL-1Ra","Recombinant IL-1 receptor antagonist that blocks both IL-1α and IL-1β; used in rheumatoid arthritis and autoinflammatory diseases."),
("MESH:D000069549","Ustekinumab","treatment","gut_immune","Stelara|anti-IL-12/23 p40","Antibody against the p40 subunit shared by IL-12 and IL-23; used for Crohn's disease and psoriasis."),
("DRUGBANK:DB09033","Vedolizumab","treatment","gut_immune","Entyvio|anti-α4β7","Gut-selective antibody against α4β7 integrin that stops lymphocytes homing to the intestinal wall; used in ulcerative colitis and Crohn's disease."),
("MESH:D000068579","Celecoxib","treatment","periphery","Celebrex|COX-2 inhibitor","Selective COX-2 inhibitor (NSAID) studied as an add-on to antidepressants."),
("MESH:D000894","Non-steroidal anti-inflammatory drugs","treatment","periphery","NSAIDs|aspirin|ibuprofen","Drugs that block cyclo-oxygenase enzymes and prostaglandin production; tested as add-on treatments in depression."),
("MESH:D008911","Minocycline","treatment","brain","tetracycline antibiotic","Brain-penetrant tetracycline antibiotic with anti-inflammatory and microglia-dampening effects in animals; tested in schizophrenia."),
("MESH:D015525","Omega-3 fatty acids","treatment","gut_lumen","EPA|DHA|fish oil|n-3 PUFA","Long-chain polyunsaturated fatty acids (EPA, DHA) from fish oil with anti-inflammatory properties, tested in depression."),
("MESH:D057185","Mediterranean diet","treatment","gut_lumen","ModiMedDiet|dietary improvement","Diet rich in vegetables, fruit, whole grains, legumes, fish and olive oil; tested as an add-on treatment for depression in the SMILES trial."),
("MESH:D015444","Exercise","treatment","periphery","physical activity|physical training","Regular physical activity, which has anti-inflammatory effects through muscle-derived IL-6, IL-10 and lower visceral fat."),
("MESH:D019936","Probiotics","treatment","gut_lumen","psychobiotics|live bacteria supplements","Live microorganisms taken to alter the gut microbiota; 'psychobiotics' are probiotics studied for mood and anxiety."),
("NIA:gluten_free_diet","Gluten-free diet","treatment","gut_lumen","GFD","Lifelong avoidance of wheat, barley and rye gluten; the only established treatment for coeliac disease."),
("MESH:D055536","Vagus nerve stimulation","treatment","vagus","VNS|bioelectronic medicine","Implanted or external device that electrically stimulates the vagus nerve; used for epilepsy and depression and tested in rheumatoid arthritis."),
("MESH:D000069467","Faecal microbiota transplantation","treatment","gut_lumen","FMT|stool transplant","Transfer of stool (gut microbiota) from a healthy donor to a patient to restore a disturbed microbial community."),
("MESH:D013934","Thymectomy","treatment","periphery","thymus removal","Surgical removal of the thymus, the organ where autoreactive AChR-specific immune responses are thought to start in myasthenia gravis."),
("MESH:D006886","Hydroxychloroquine","treatment","periphery","Plaquenil","Antimalarial immunomodulator that is the background therapy for most people with lupus."),
("DRUGBANK:DB08879","Belimumab","treatment","circulation","Benlysta|anti-BLyS|anti-BAFF","Antibody against B-lymphocyte stimulator (BAFF) that reduces survival of autoreactive B cells; approved for systemic lupus erythematosus."),
# targets / mechanism nodes
("HGNC:6140","α4-integrin (ITGA4)","receptor","circulation","CD49d|VLA-4 α chain","Adhesion receptor on lymphocytes that lets them stick to blood-vessel walls and enter the brain (α4β1) or gut (α4β7)."),
("HGNC:6162","β7-integrin (ITGB7)","receptor","gut_immune","integrin β7|α4β7","Integrin subunit that pairs with α4 to form α4β7, the gut-homing receptor of lymphocytes."),
("HGNC:7315","CD20 (MS4A1)","protein","circulation","MS4A1|B-lymphocyte antigen CD20","Surface protein on most B cells (but not plasma cells) that is the target of B-cell-depleting antibodies."),
("HGNC:1633","CD19","protein","circulation","B-lymphocyte antigen CD19","B-cell surface protein present from early B cells to plasmablasts; target of inebilizumab."),
("HGNC:1804","CD52","protein","circulation","CAMPATH-1 antigen","Small surface glycoprotein on T and B lymphocytes; target of alemtuzumab."),
("HGNC:3165","S1P receptor 1 (S1PR1)","receptor","circulation","S1PR1|EDG1|sphingosine-1-phosphate receptor 1","Receptor that lymphocytes use to leave lymph nodes; fingolimod internalises it, trapping lymphocytes."),
("HGNC:1331","Complement C5","protein","circulation","C5","Complement protein whose cleavage starts assembly of the membrane attack complex that damages cells."),
("HGNC:6019","IL-6 receptor (IL6R)","receptor","circulation","IL6R|CD126","Receptor that binds IL-6 and signals via gp130/JAK-STAT; blocked by tocilizumab and satralizumab."),
("HGNC:3621","Neonatal Fc receptor (FcRn)","receptor","circulation","FCGRT|FcRn","Receptor that rescues IgG from lysosomal breakdown, giving IgG its long half-life; blocking it lowers IgG levels."),
("HGNC:5993","IL-1 receptor type 1 (IL1R1)","receptor","periphery","IL1R1|CD121a","Signalling receptor for IL-1α and IL-1β; blocked by anakinra."),
("HGNC:5970","IL-12/IL-23 p40 (IL12B)","cytokine","gut_immune","IL12B|p40","The p40 subunit shared by IL-12 and IL-23; neutralised by ustekinumab."),
("HGNC:9605","COX-2 (PTGS2)","protein","periphery","PTGS2|cyclo-oxygenase-2","Inducible enzyme that makes inflammatory prostaglandins; blocked by NSAIDs and selectively by celecoxib."),
("HGNC:7782","Nrf2 (NFE2L2)","signaling","brain","NFE2L2|nuclear factor erythroid 2-related factor 2","Transcription factor that switches on antioxidant and cytoprotective genes; activated by fumarates."),
("HGNC:5432","Interferon α/β receptor 1 (IFNAR1)","receptor","circulation","IFNAR1","Receptor subunit for type I interferons including IFN-β."),
("GO:0006956","Complement activation","process","circulation","complement cascade|membrane attack complex","Cascade of plasma proteins that antibodies can trigger, ending in pores that damage cell membranes (e.g. at the neuromuscular junction or astrocytes)."),
("MESH:D007074","Immunoglobulin G","antibody","circulation","IgG|pathogenic autoantibodies","The main antibody class in blood; most disease-causing autoantibodies in MG, NMOSD and autoimmune encephalitis are IgG."),
("CL:0000775","Neutrophil","cell","gut_immune","neutrophilic granulocyte|PMN","Short-lived innate immune cell that floods inflamed tissue; its cytoplasm is rich in calprotectin."),
# new conditions
("MESH:D020277","Chronic inflammatory demyelinating polyneuropathy","condition","periphery","CIDP","Chronic immune-mediated demyelination of peripheral nerves causing weakness and sensory loss over months; responds to IVIG, steroids or plasma exchange."),
("MESH:D060426","Anti-NMDA receptor encephalitis","condition","brain","anti-NMDAR encephalitis|NMDAR encephalitis","Autoimmune encephalitis caused by IgG antibodies against the GluN1 subunit of the NMDA receptor; often starts with psychiatric symptoms."),
("MESH:D003424","Crohn's disease","condition","gut_immune","Crohn disease|CD","Type of inflammatory bowel disease with patchy, transmural inflammation anywhere from mouth to anus."),
("MESH:D003093","Ulcerative colitis","condition","gut_immune","UC","Type of inflammatory bowel disease with continuous mucosal inflammation of the colon and rectum."),
("MESH:D019846","Miller Fisher syndrome","condition","periphery","MFS|Fisher syndrome","Variant of Guillain-Barré syndrome with ophthalmoplegia, ataxia and areflexia, strongly linked to anti-GQ1b antibodies."),
("MESH:D000690","Amyotrophic lateral sclerosis","condition","brain","ALS|motor neuron disease|MND","Fatal neurodegenerative disease of upper and lower motor neurons; neurofilament light chain is markedly raised."),
("MESH:D061218","Treatment-resistant depression","condition","brain","TRD|refractory depression","Major depression that has not responded to two or more adequate antidepressant treatments; often accompanied by raised inflammatory markers."),
("NIA:mogad","MOG antibody-associated disease","condition","brain","MOGAD|MOG-EM|MOG encephalomyelitis","Inflammatory demyelinating CNS disease (optic neuritis, myelitis, ADEM) defined by serum IgG against myelin oligodendrocyte glycoprotein; distinct from MS and AQP4+ NMOSD."),
("MESH:D007968","Progressive multifocal leukoencephalopathy","condition","brain","PML|JC virus encephalopathy","Often fatal brain infection by the JC polyomavirus in immunosuppressed people; the main serious risk of natalizumab."),
# biomarkers
("NIA:csf_oligoclonal_bands","CSF oligoclonal bands","antibody","brain","OCB|intrathecal IgG synthesis|CSF IgG index","Distinct IgG bands found in cerebrospinal fluid but not serum, showing antibody production inside the CNS; present in most people with MS."),
("NIA:aqp4_igg","AQP4-IgG","antibody","circulation","anti-aquaporin-4 antibody|NMO-IgG","Pathogenic serum IgG against the astrocyte water channel aquaporin-4; the defining biomarker of NMOSD."),
("NIA:mog_igg","MOG-IgG","antibody","circulation","anti-MOG antibody","Serum IgG against myelin oligodendrocyte glycoprotein, detected by cell-based assay; core criterion for MOGAD."),
("NIA:achr_antibody","Acetylcholine receptor antibody","antibody","periphery","AChR-Ab|anti-AChR IgG","IgG antibodies against the muscle nicotinic acetylcholine receptor, found in about 80% of people with myasthenia gravis."),
("NIA:anti_nmdar_igg","Anti-NMDA receptor IgG","antibody","brain","anti-GluN1 antibody|NMDAR antibody","CSF/serum IgG against the GluN1 subunit of the NMDA receptor; diagnostic of anti-NMDAR encephalitis and directly reduces NMDA receptors at synapses."),
("NIA:anti_dsdna_antibody","Anti-double-stranded DNA antibody","antibody","circulation","anti-dsDNA","Autoantibody against double-stranded DNA that is highly specific for systemic lupus erythematosus and tracks kidney involvement."),
("NIA:anti_ttg_iga","Anti-tissue transglutaminase IgA","antibody","gut_immune","anti-tTG IgA|tTG-IgA","IgA autoantibody against tissue transglutaminase; the first-line blood test for coeliac disease, falling on a gluten-free diet."),
("NIA:anti_gq1b_igg","Anti-GQ1b IgG","antibody","periphery","anti-GQ1b antibody","IgG antibody against the ganglioside GQ1b, enriched in nerves to the eye muscles; present in over 90% of Miller Fisher syndrome."),
("HGNC:10498","Faecal calprotectin (S100A8/A9)","protein","gut_lumen","calprotectin|S100A8|MRP8","Neutrophil protein complex measured in stool; high levels signal intestinal inflammation (IBD) and normal levels point towards IBS."),
("HGNC:4235","GFAP","protein","brain","glial fibrillary acidic protein","Astrocyte intermediate-filament protein; its level in blood or CSF rises with astrocyte injury (e.g. NMOSD attacks, Alzheimer's disease)."),
("HGNC:1932","YKL-40 (CHI3L1)","protein","brain","CHI3L1|chitinase-3-like protein 1","Glycoprotein released by reactive astrocytes; raised in CSF in early Alzheimer's disease as a marker of neuroinflammation."),
("HGNC:4847","Hypocretin-1 (orexin-A)","neurotransmitter","brain","HCRT|orexin-A|hypocretin","Wake-promoting hypothalamic neuropeptide; very low CSF hypocretin-1 (<110 pg/mL) indicates narcolepsy type 1."),
("HGNC:6893","Tau","protein","brain","MAPT|phospho-tau|p-tau181|p-tau217|t-tau","Microtubule-associated neuronal protein; raised phosphorylated tau in CSF or plasma marks Alzheimer's tau pathology."),
("NIA:amyloid_beta","Amyloid-β","protein","brain","Aβ|Aβ42|CSF amyloid-β42|amyloid beta","Peptides (Aβ40/Aβ42) cleaved from APP that aggregate into plaques; low CSF Aβ42 (or Aβ42/40) signals amyloid plaques in the brain."),
# antigens
("HGNC:7197","Myelin oligodendrocyte glycoprotein (MOG)","protein","brain","MOG","Protein on the outer surface of myelin and oligodendrocytes; antigen of MOG-IgG."),
("HGNC:1955","Muscle AChR α1 subunit (CHRNA1)","receptor","periphery","CHRNA1|nicotinic acetylcholine receptor α1","Subunit of the muscle nicotinic acetylcholine receptor at the neuromuscular junction; main target of myasthenia gravis antibodies."),
("HGNC:4584","NMDA receptor GluN1 (GRIN1)","receptor","brain","GRIN1|NR1|GluN1","Obligatory subunit of NMDA glutamate receptors; the antigen in anti-NMDAR encephalitis."),
("HGNC:11778","Tissue transglutaminase (TGM2)","protein","gut_epithelium","TGM2|tTG|transglutaminase 2","Enzyme that deamidates gluten peptides and is the autoantigen recognised by coeliac disease IgA antibodies."),
]

# core nodes referenced (listed for completeness with descriptions)
CORE_DESC = {
"HGNC:11892":"Pro-inflammatory cytokine; target of infliximab, adalimumab and lenercept.",
"HGNC:6018":"Pleiotropic cytokine that drives the liver to make CRP; raised in depression and blocked at its receptor by tocilizumab/satralizumab.",
"HGNC:5992":"Inflammasome-processed pro-inflammatory cytokine that signals through IL-1R1.",
"HGNC:15488":"IL-23 (p19/p40) cytokine that sustains Th17 inflammation in the gut; neutralised via its p40 subunit by ustekinumab.",
"HGNC:5434":"Type I interferon; recombinant IFN-β is an MS disease-modifying therapy.",
"HGNC:5962":"Anti-inflammatory cytokine raised after bouts of exercise.",
"HGNC:2367":"Liver acute-phase protein induced by IL-6; CRP >3 mg/L marks low-grade inflammation.",
"HGNC:7739":"Neuronal cytoskeletal protein released on axonal injury; measurable in CSF and blood as a marker of neuroaxonal damage.",
"HGNC:17761":"Microglial receptor; its shed soluble ectodomain (sTREM2) in CSF reflects microglial activation.",
"HGNC:11850":"Innate immune receptor for LPS on monocytes; downregulated by regular exercise.",
"HGNC:637":"Water channel on astrocyte end-feet; target of the NMOSD autoantibody AQP4-IgG.",
"HGNC:620":"Neuronal membrane protein whose cleavage releases amyloid-β peptides.",
"NIA:amyloid_beta":"Peptides (Aβ40/Aβ42) cleaved from APP that aggregate into plaques; low CSF Aβ42 signals plaques in the brain.",
"CL:0000129":"Resident macrophages of the CNS.",
"CL:0000127":"Star-shaped glial cells supporting neurons and the blood-brain barrier; express AQP4, GFAP and YKL-40.",
"CL:0000128":"Myelin-forming CNS glial cells; carry MOG on their surface.",
"CL:0000540":"Nerve cells; release neurofilament light chain and tau when injured.",
"CL:0000084":"Lymphocytes that orchestrate adaptive immunity; targeted by several MS drugs.",
"CL:0000815":"Suppressive T cells that increase with regular exercise.",
"CL:0000236":"Antibody-precursor lymphocytes; depleted by anti-CD20/CD19 antibodies and restrained by belimumab.",
"CL:0000786":"Antibody-secreting cells; produce CSF oligoclonal IgG and pathogenic autoantibodies.",
"CL:0000576":"Circulating innate immune cells; pro-inflammatory monocytes fall with regular exercise.",
"UBERON:0001759":"Cranial nerve linking brain and viscera; its efferent arm forms the inflammatory reflex.",
"NIA:inflammatory_reflex":"Vagus-nerve circuit that senses inflammation and inhibits cytokine (TNF) production by immune cells.",
"NIA:gut_microbiota":"Community of microbes living in the gut.",
"NIA:microglial_activation":"Shift of microglia into an inflammatory, reactive state.",
"NIA:neuroinflammation":"Inflammation within the brain or spinal cord.",
"NIA:demyelination":"Loss of the myelin sheath around axons.",
"NIA:nfkb_pathway":"Master transcriptional pathway for inflammatory genes.",
"NIA:jak_stat_pathway":"Kinase pathway used by IL-6 and interferon receptors.",
}

CORE_DESC.update({
"MESH:D000544":"Most common dementia; defined biologically by amyloid-β plaques and tau tangles, with accompanying glial inflammation.",
"MESH:D001008":"Group of disorders with excessive fear or worry.",
"MESH:D001172":"Autoimmune inflammatory arthritis of small joints driven by TNF, IL-6 and IL-1; treated with biological DMARDs.",
"MESH:D002446":"Autoimmune enteropathy triggered by dietary gluten in genetically susceptible people.",
"MESH:D003865":"Common mood disorder; about a quarter of patients show low-grade inflammation (raised CRP).",
"MESH:D008180":"Systemic autoimmune disease with antinuclear and anti-dsDNA antibodies that can affect skin, joints, kidneys and brain.",
"MESH:D009103":"Chronic immune-mediated demyelinating disease of the brain and spinal cord.",
"MESH:D009157":"Autoantibody-mediated disease of the neuromuscular junction causing fatigable weakness.",
"MESH:D009290":"Sleep disorder with excessive daytime sleepiness; type 1 is caused by loss of hypocretin neurons.",
"MESH:D009471":"Autoimmune astrocytopathy with optic neuritis and myelitis, usually caused by AQP4-IgG.",
"MESH:D010300":"Neurodegenerative movement disorder with α-synuclein pathology.",
"MESH:D012559":"Psychotic disorder with positive, negative and cognitive symptoms.",
"MESH:D015212":"Chronic immune-mediated intestinal inflammation comprising Crohn's disease and ulcerative colitis.",
"MESH:D020275":"Acute post-infectious immune-mediated polyradiculoneuropathy causing rapidly progressive weakness.",
"MESH:D043183":"Functional bowel disorder of the gut-brain interaction with pain and altered bowel habit, without overt inflammation.",
})
core = {}
with open(D.parent / "core_ids.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        core[r["id"]] = r

# ---------------- edges ----------------
T = "treatment"; TC = "treatment|condition_mechanism"; TCY = "treatment|cytokine"; TCC = "treatment|cytokine|condition_mechanism"
TG = "treatment|gut_brain"; TGC = "treatment|gut_brain|condition_mechanism"
B = "biomarker|condition_mechanism"; BC = "biomarker|condition_mechanism|cytokine"
E = []
def e(s,t,r,topics,ev,st,sp,refs,note): E.append((s,t,r,topics,ev,st,sp,refs,note))

MS="MESH:D009103"; NMO="MESH:D009471"; MG="MESH:D009157"; GBS="MESH:D020275"; AD="MESH:D000544"; PD="MESH:D010300"
MDD="MESH:D003865"; SCZ="MESH:D012559"; ANX="MESH:D001008"; RA="MESH:D001172"; SLE="MESH:D008180"; IBD="MESH:D015212"
IBS="MESH:D043183"; CEL="MESH:D002446"; NARC="MESH:D009290"; CD="MESH:D003424"; UC="MESH:D003093"; TRD="MESH:D061218"
NMDAR="MESH:D060426"; MOGAD="NIA:mogad"; CIDP="MESH:D020277"; MFS="MESH:D019846"; ALS="MESH:D000690"; PML="MESH:D007968"
NAT="MESH:D000069442"; OCR="DRUGBANK:DB11988"; RTX="MESH:D000069283"; IFNB="MESH:D000068576"; FTY="MESH:D000068876"; DMF="MESH:D000069462"
ALEM="MESH:D000074323"; CLAD="MESH:D017338"; GA="MESH:D000068717"; MP="MESH:D008775"; IVIG="MESH:D016756"; PLEX="MESH:D010951"
ECU="DRUGBANK:DB01257"; SAT="NIA:satralizumab"; TCZ="DRUGBANK:DB06273"; INEB="NIA:inebilizumab"; EFG="NIA:efgartigimod"
IFX="MESH:D000069285"; ADA="MESH:D000068879"; LEN="NIA:lenercept"; ANK="MESH:D053590"; UST="MESH:D000069549"; VDZ="DRUGBANK:DB09033"
CXB="MESH:D000068579"; NSAID="MESH:D000894"; MINO="MESH:D008911"; O3="MESH:D015525"; MED="MESH:D057185"; EX="MESH:D015444"
PRO="MESH:D019936"; GFD="NIA:gluten_free_diet"; VNS="MESH:D055536"; FMT="MESH:D000069467"; THY="MESH:D013934"; HCQ="MESH:D006886"; BEL="DRUGBANK:DB08879"
TNF="HGNC:11892"; IL6="HGNC:6018"; IL1B="HGNC:5992"; IL23="HGNC:15488"; IFNBc="HGNC:5434"; IL10="HGNC:5962"; CRP="HGNC:2367"; NFL="HGNC:7739"
TREM2="HGNC:17761"; TLR4="HGNC:11850"; AQP4="HGNC:637"; APP="HGNC:620"
MIC="CL:0000129"; AST="CL:0000127"; OLI="CL:0000128"; NEU="CL:0000540"; TC_="CL:0000084"; TREG="CL:0000815"; BC_="CL:0000236"; PC="CL:0000786"; MONO="CL:0000576"
VAG="UBERON:0001759"; INFR="NIA:inflammatory_reflex"; GM="NIA:gut_microbiota"; MICACT="NIA:microglial_activation"; NINF="NIA:neuroinflammation"; DEMY="NIA:demyelination"; NFKB="NIA:nfkb_pathway"; JAK="NIA:jak_stat_pathway"
ITGA4="HGNC:6140"; ITGB7="HGNC:6162"; CD20="HGNC:7315"; CD19="HGNC:1633"; CD52="HGNC:1804"; S1PR1="HGNC:3165"; C5="HGNC:1331"; IL6R="HGNC:6019"
FCRN="HGNC:3621"; IL1R1="HGNC:5993"; P40="HGNC:5970"; COX2="HGNC:9605"; NRF2="HGNC:7782"; IFNAR1="HGNC:5432"; COMP="GO:0006956"; IGG="MESH:D007074"; NEUT="CL:0000775"
OCB="NIA:csf_oligoclonal_bands"; AQP4IGG="NIA:aqp4_igg"; MOGIGG="NIA:mog_igg"; ACHRAB="NIA:achr_antibody"; NMDARAB="NIA:anti_nmdar_igg"; DSDNA="NIA:anti_dsdna_antibody"
TTG="NIA:anti_ttg_iga"; GQ1B="NIA:anti_gq1b_igg"; CALP="HGNC:10498"; GFAP="HGNC:4235"; YKL="HGNC:1932"; HCRT="HGNC:4847"; TAU="HGNC:6893"
MOG="HGNC:7197"; CHRNA1="HGNC:1955"; GRIN1="HGNC:4584"; TGM2="HGNC:11778"

# ===== Multiple sclerosis disease-modifying therapies =====
e(NAT,ITGA4,"targets",TC,"established","review","human","hauser2020","Natalizumab binds α4-integrin (VLA-4) and blocks lymphocyte adhesion to brain endothelium.")
e(NAT,NINF,"inhibits",TC,"established","review","human","hauser2020","By keeping lymphocytes out of the CNS, natalizumab suppresses new inflammatory MS lesions.")
e(NAT,MS,"treats",TC,"established","review","human","hauser2020","Natalizumab is a high-efficacy therapy for relapsing MS.")
e(NAT,PML,"associated_with",T,"established","review","human","hauser2020","Natalizumab carries a risk of JC-virus PML that rises with treatment duration and anti-JCV antibody status; this limits its use.")
e(ITGA4,TC_,"located_in",TC,"established","review","human","hauser2020","α4-integrin is expressed on activated T cells, which use it to cross the blood-brain barrier.")
e(OCR,CD20,"targets",TC,"established","human_interventional","human","hauser2017","Ocrelizumab is a humanised monoclonal antibody against CD20.")
e(OCR,BC_,"decreases",TC,"established","human_interventional","human","hauser2017","Ocrelizumab selectively depletes CD20+ B cells.")
e(OCR,MS,"treats",TC,"established","human_interventional","human","hauser2017","OPERA I/II: annualised relapse rate 0.16 vs 0.29 with interferon β-1a (46-47% lower) and fewer gadolinium lesions.")
e(CD20,BC_,"located_in",TC,"established","review","human","hauser2017","CD20 is a surface marker of B cells (absent on plasma cells).")
e(BC_,MS,"associated_with","condition_mechanism","supported","review","human","hauser2017|hauser2020","The success of B-cell depletion shifted the view of MS from a purely T-cell disease to one in which B cells play a key role.")
e(RTX,CD20,"targets",TC,"established","review","human","hauser2020","Rituximab is a chimeric anti-CD20 antibody.")
e(RTX,BC_,"decreases",TC,"established","review","human","hauser2020","Rituximab depletes circulating CD20+ B cells.")
e(RTX,MS,"treats",TC,"supported","review","human","hauser2020","Rituximab reduces MS inflammatory activity and is used off-label as a B-cell depleting therapy.")
e(RTX,NMO,"treats",TC,"supported","review","human","borisow2018","Rituximab is widely used for long-term attack prevention in NMOSD.")
e(RTX,MOGAD,"treats",TC,"emerging","review","human","borisow2018","Rituximab is used for relapsing MOG-encephalomyelitis, but evidence is limited to observational series.")
e(RTX,NMDAR,"treats",TC,"supported","review","human","dalmau2019","Rituximab is a second-line immunotherapy when anti-NMDAR encephalitis does not respond to first-line treatment.")
e(RTX,MG,"treats",TC,"supported","review","human","gilhus2019","Rituximab is an immunotherapy option for refractory myasthenia gravis, especially MuSK-antibody disease.")
e(IFNB,IFNAR1,"targets",TC,"established","review","human","hauser2020","Recombinant interferon β-1a acts through the type I interferon receptor.")
e(IFNBc,IFNAR1,"signals_through","cytokine","established","review","human","hauser2020","IFN-β signals through the IFNAR1/IFNAR2 receptor complex.")
e(IFNB,MS,"treats",TC,"established","review","human","hauser2020|hauser2017","Interferon-β modestly reduces MS relapses and was the comparator that ocrelizumab outperformed in OPERA.")
e(FTY,S1PR1,"targets",TC,"established","review","human","hauser2020","Fingolimod is a sphingosine-1-phosphate receptor modulator that internalises S1PR1.")
e(FTY,TC_,"decreases",TC,"established","review","human","hauser2020","Fingolimod traps lymphocytes in lymph nodes, lowering circulating T cells that could enter the CNS.")
e(S1PR1,TC_,"located_in",TC,"established","review","human","hauser2020","Lymphocytes need S1PR1 to exit lymph nodes.")
e(FTY,MS,"treats",TC,"established","review","human","hauser2020","Fingolimod was the first oral disease-modifying therapy for relapsing MS.")
e(DMF,NRF2,"activates",TC,"emerging","animal","mixed","linker2011","Dimethyl fumarate stabilises and activates Nrf2 in mouse EAE and in human/rodent astrocytes in vitro.")
e(NRF2,DEMY,"decreases","condition_mechanism","emerging","animal","mouse","linker2011","Nrf2 activation by fumarates preserved myelin, axons and neurons in chronic EAE; protection was lost without Nrf2.")
e(DMF,NINF,"decreases",TC,"emerging","animal","mouse","linker2011","Preventive or therapeutic dimethyl fumarate ameliorated chronic EAE (mouse MS model).")
e(DMF,MS,"treats",TC,"established","review","human","hauser2020","Oral dimethyl fumarate reduces relapses in relapsing MS.")
e(ALEM,CD52,"targets",TC,"established","review","human","hauser2020","Alemtuzumab is a monoclonal antibody against CD52.")
e(CD52,TC_,"located_in",TC,"established","review","human","hauser2020","CD52 is expressed on T lymphocytes.")
e(CD52,BC_,"located_in",TC,"established","review","human","hauser2020","CD52 is expressed on B lymphocytes.")
e(ALEM,TC_,"decreases",TC,"established","review","human","hauser2020","Alemtuzumab causes profound, long-lasting depletion of T cells.")
e(ALEM,BC_,"decreases",TC,"established","review","human","hauser2020","Alemtuzumab depletes B cells, which repopulate faster than T cells.")
e(ALEM,MS,"treats",TC,"established","review","human","hauser2020","Alemtuzumab is a high-efficacy induction-type therapy for relapsing MS, limited by secondary autoimmunity.")
e(CLAD,BC_,"decreases",TC,"established","review","human","hauser2020","Short oral courses of cladribine deplete B lymphocytes.")
e(CLAD,TC_,"decreases",TC,"established","review","human","hauser2020","Cladribine also reduces T lymphocytes.")
e(CLAD,MS,"treats",TC,"established","review","human","hauser2020","Oral cladribine is approved for relapsing MS.")
e(GA,MS,"treats",TC,"established","review","human","hauser2020","Glatiramer acetate is an older injectable immunomodulator that modestly reduces MS relapses.")
e(LEN,TNF,"targets",TCY,"established","human_interventional","human","lenercept1999","Lenercept is a soluble TNF receptor p55-IgG fusion protein that neutralises TNF.")
e(LEN,MS,"increases",TC,"supported","human_interventional","human","lenercept1999","TNF blockade with lenercept increased MS exacerbations vs placebo (p=0.007); anti-TNF drugs are therefore avoided in MS.")

# ===== acute / antibody-directed therapies =====
e(MP,MS,"treats",TC,"established","review","human","hauser2020","High-dose corticosteroids speed recovery from MS relapses but do not change long-term course.")
e(MP,NMO,"treats",TC,"established","review","human","borisow2018","High-dose intravenous methylprednisolone is first-line treatment for NMOSD attacks.")
e(MP,MOGAD,"treats",TC,"supported","review","human","borisow2018","MOG-encephalomyelitis attacks usually respond well to corticosteroids; relapses can occur on tapering.")
e(MP,NMDAR,"treats",TC,"established","review","human","dalmau2019","Corticosteroids are part of first-line immunotherapy for anti-NMDAR encephalitis; ~80% of patients improve with immunotherapy.")
e(MP,MG,"treats",TC,"established","review","human","gilhus2019","Corticosteroids are the first-line immunosuppressive therapy for generalised myasthenia gravis.")
e(PLEX,IGG,"decreases",TC,"established","review","human","gilhus2019|shahrizaila2021","Plasma exchange physically removes circulating IgG, including pathogenic autoantibodies.")
e(PLEX,MS,"treats",TC,"supported","review","human","hauser2020","Plasma exchange is a rescue option for severe MS relapses that fail to respond to steroids.")
e(PLEX,NMO,"treats",TC,"established","review","human","borisow2018","Plasma exchange is used for NMOSD attacks, especially when steroids are insufficient.")
e(PLEX,MOGAD,"treats",TC,"emerging","review","human","borisow2018","Plasma exchange is used for severe MOG-encephalomyelitis attacks; evidence is observational.")
e(PLEX,GBS,"treats",TC,"established","review","human","shahrizaila2021|leonhard2019","Plasma exchange started early shortens time to recovery in Guillain-Barré syndrome.")
e(PLEX,MG,"treats",TC,"established","review","human","gilhus2019","Plasma exchange is a fast-acting treatment for myasthenic exacerbations and crises.")
e(PLEX,NMDAR,"treats",TC,"established","review","human","dalmau2019","Plasma exchange is a first-line immunotherapy in anti-NMDAR encephalitis.")
e(IVIG,GBS,"treats",TC,"established","review","human","shahrizaila2021|leonhard2019","IVIG (0.4 g/kg/day for 5 days) is as effective as plasma exchange in Guillain-Barré syndrome.")
e(IVIG,MG,"treats",TC,"established","review","human","gilhus2019","IVIG is a fast-acting treatment for myasthenia gravis exacerbations.")
e(IVIG,CIDP,"treats",TC,"established","human_interventional","human","hughes2008","ICE trial: 54% improved on IVIG vs 21% on placebo; benefit was maintained in the 24-week extension.")
e(IVIG,NMDAR,"treats",TC,"established","review","human","dalmau2019","IVIG is a first-line immunotherapy in anti-NMDAR encephalitis.")
e(IVIG,MOGAD,"treats",TC,"emerging","review","human","borisow2018","Maintenance immunoglobulins are used to prevent MOG-encephalomyelitis relapses, mostly in children; evidence is limited.")
e(ECU,C5,"targets",TC,"established","human_interventional","human","howard2021|brandstadter2020","Eculizumab is a terminal complement inhibitor that binds C5.")
e(ECU,COMP,"inhibits",TC,"established","human_interventional","human","howard2021","By blocking C5 cleavage, eculizumab prevents membrane attack complex formation.")
e(C5,COMP,"part_of","condition_mechanism","established","review","human","howard2021","C5 cleavage launches the terminal (membrane attack) phase of complement activation.")
e(ECU,MG,"treats",TC,"supported","human_interventional","human","howard2021","In REGAIN and its open-label extension, 84.7% of AChR+ refractory gMG patients reached an MG-ADL response.")
e(ECU,NMO,"treats",TC,"established","review","human","brandstadter2020","Added to immunosuppression, eculizumab significantly reduced relapse risk in AQP4-IgG+ NMOSD (phase III).")
e(COMP,MG,"associated_with","condition_mechanism","established","human_interventional","human","howard2021","AChR autoantibodies activate complement, damaging the postsynaptic membrane at the neuromuscular junction.")
e(COMP,NMO,"associated_with","condition_mechanism","supported","review","human","brandstadter2020","Complement-mediated astrocyte damage drives AQP4-IgG+ NMOSD attacks, as shown by the efficacy of C5 blockade.")
e(SAT,IL6R,"targets",TCY,"established","review","human","brandstadter2020","Satralizumab is an interleukin-6 receptor inhibitor.")
e(SAT,NMO,"treats",TCC,"supported","review","human","brandstadter2020","Added to baseline immunosuppression, satralizumab lowered NMOSD relapse risk vs placebo, including adolescents.")
e(IL6,IL6R,"signals_through","cytokine","established","review","human","smolen2018","IL-6 signals through IL-6R (membrane-bound and soluble trans-signalling) with gp130.")
e(IL6R,JAK,"signals_through","cytokine","established","review","human","smolen2018","IL-6 receptor engagement activates JAK/STAT signalling, which JAK inhibitors also block in RA.")
e(TCZ,IL6R,"targets",TCY,"established","review","human","smolen2018","Tocilizumab is a monoclonal antibody against the IL-6 receptor.")
e(TCZ,RA,"treats",TCC,"established","review","human","smolen2018","IL-6 receptor blockade with tocilizumab is an approved biological DMARD for rheumatoid arthritis.")
e(INEB,CD19,"targets",TC,"established","review","human","brandstadter2020","Inebilizumab is an anti-CD19 antibody.")
e(CD19,BC_,"located_in",TC,"established","review","human","brandstadter2020","CD19 is expressed across B-cell development including plasmablasts.")
e(INEB,BC_,"decreases",TC,"established","review","human","brandstadter2020","Inebilizumab depletes CD19+ B cells and plasmablasts.")
e(INEB,NMO,"treats",TC,"supported","review","human","brandstadter2020","Inebilizumab monotherapy delayed NMOSD attacks and reduced disability worsening vs placebo (N-MOmentum).")
e(EFG,FCRN,"targets",TC,"supported","human_interventional","human","bril2023","Efgartigimod, a human IgG1 Fc fragment, binds the neonatal Fc receptor with high affinity.")
e(FCRN,IGG,"increases","condition_mechanism","established","review","human","bril2023","FcRn recycles IgG away from lysosomal degradation, prolonging its half-life.")
e(EFG,IGG,"decreases",TC,"supported","human_interventional","human","bril2023","FcRn blockade increases IgG degradation, lowering total IgG and AChR autoantibodies.")
e(EFG,MG,"treats",TC,"supported","human_interventional","human","bril2023","In ADAPT, efgartigimod improved MG-ADL and QMG scores across bulbar, ocular, limb and respiratory domains.")
e(THY,MG,"treats",TC,"supported","human_interventional","human","wolfe2016","MGTX: thymectomy plus prednisone lowered the 3-year QMG score (6.15 vs 8.99) and prednisone needs vs prednisone alone.")

# ===== cytokine blockers in RA / IBD / depression =====
e(IFX,TNF,"targets",TCY,"established","review","human","smolen2018|raison2013","Infliximab is a chimeric monoclonal antibody that neutralises TNF.")
e(ADA,TNF,"targets",TCY,"established","review","human","smolen2018","Adalimumab is a fully human anti-TNF antibody.")
e(TNF,RA,"associated_with","cytokine|condition_mechanism","established","review","human","smolen2018","TNF is a key cytokine driving synovial inflammation and joint destruction in RA.")
e(IL6,RA,"associated_with","cytokine|condition_mechanism","established","review","human","smolen2018","IL-6 drives synovitis, acute-phase response and osteoclast activation in RA.")
e(IFX,RA,"treats",TCC,"established","review","human","smolen2018","TNF inhibitors such as infliximab (with methotrexate) are standard biological DMARDs in RA.")
e(ADA,RA,"treats",TCC,"established","review","human","smolen2018","Adalimumab is a standard TNF-inhibitor biological DMARD in RA.")
e(TNF,IBD,"associated_with","cytokine|condition_mechanism","established","review","human","neurath2014","TNF is a central pro-inflammatory cytokine in Crohn's disease and ulcerative colitis.")
e(IL23,IBD,"associated_with","cytokine|condition_mechanism","supported","review","human","neurath2014","IL-23 (with IL-12) sustains pathogenic T-cell responses in IBD and is a validated drug target.")
e(CD,IBD,"part_of","condition_mechanism","established","review","human","neurath2014","Crohn's disease is one of the two main forms of IBD.")
e(UC,IBD,"part_of","condition_mechanism","established","review","human","neurath2014","Ulcerative colitis is one of the two main forms of IBD.")
e(IFX,CD,"treats",TCC,"established","review","human","neurath2014","TNF blockade is standard therapy for moderate-to-severe Crohn's disease.")
e(IFX,UC,"treats",TCC,"established","review","human","neurath2014","Infliximab is an established therapy for moderate-to-severe ulcerative colitis.")
e(ADA,CD,"treats",TCC,"established","review","human","neurath2014","Adalimumab is an established anti-TNF therapy in Crohn's disease.")
e(ADA,UC,"treats",TCC,"established","review","human","neurath2014","Adalimumab is an approved anti-TNF option in ulcerative colitis.")
e(IFX,TRD,"treats",TCC,"contested","human_interventional","human","raison2013","No overall benefit vs placebo in 60 patients, but response 62% vs 33% in those with baseline hs-CRP >5 mg/L; worse than placebo at low CRP.")
e(IFX,CRP,"decreases",TCC,"supported","human_interventional","human","raison2013","Infliximab responders with depression showed larger falls in hs-CRP than placebo responders.")
e(TRD,MDD,"part_of","condition_mechanism","established","human_interventional","human","raison2013","Treatment-resistant depression is major depression that has failed to respond to adequate treatment.")
e(ANK,IL1R1,"targets",TCY,"established","review","human","dinarello2012","Anakinra, recombinant IL-1 receptor antagonist, binds IL-1R1 and blocks both IL-1α and IL-1β.")
e(IL1B,IL1R1,"signals_through","cytokine","established","review","human","dinarello2012","IL-1β (and IL-1α) signal through the same receptor, IL-1R1.")
e(IL1R1,NFKB,"signals_through","cytokine","established","review","human","dinarello2012","The IL-1R1 TIR domain signals like Toll-like receptors, activating NF-κB-driven inflammatory genes.")
e(IL1B,RA,"associated_with","cytokine|condition_mechanism","supported","review","human","dinarello2012","IL-1 contributes to joint inflammation in arthritis.")
e(ANK,RA,"treats",TCC,"established","review","human","dinarello2012|smolen2018","Anakinra is approved for rheumatoid arthritis, although less effective than TNF or IL-6 blockade.")
e(UST,P40,"targets",TCY,"established","review","human","kotze2018","Ustekinumab is a human IgG1κ antibody against the p40 subunit shared by IL-12 and IL-23.")
e(P40,IL23,"part_of","cytokine","established","review","human","kotze2018","p40 is a subunit of both IL-12 and IL-23.")
e(UST,IL23,"inhibits",TCY,"established","review","human","kotze2018","By binding p40, ustekinumab neutralises IL-23 (and IL-12) signalling, dampening inflammatory T-cell differentiation.")
e(UST,CD,"treats",TCC,"established","review","human","kotze2018","UNITI/IM-UNITI: ustekinumab induces and maintains remission in moderate-to-severe Crohn's disease, including after anti-TNF failure.")
e(VDZ,ITGB7,"targets",TC,"established","review","human","dart2017","Vedolizumab binds the α4β7 integrin heterodimer.")
e(VDZ,ITGA4,"targets",TC,"established","review","human","dart2017","Vedolizumab recognises α4 only when paired with β7 (α4β7), so it is gut-selective, unlike natalizumab.")
e(ITGB7,TC_,"located_in",TC,"established","review","human","dart2017","α4β7 on lymphocytes mediates homing to the intestinal mucosa.")
e(VDZ,UC,"treats",TC,"established","review","human","dart2017|wang2014","Vedolizumab is effective for induction and maintenance in ulcerative colitis (GEMINI 1; meta-analysis RR remission 2.23).")
e(VDZ,CD,"treats",TC,"supported","review","human","wang2014","Vedolizumab increased clinical response and remission vs placebo in Crohn's disease, with smaller effects than in UC.")

# ===== anti-inflammatory and lifestyle approaches in psychiatry =====
e(CXB,COX2,"targets",TC,"established","review","human","kohler2014","Celecoxib is a selective cyclo-oxygenase-2 inhibitor.")
e(NSAID,COX2,"inhibits",TC,"established","review","human","kohler2014","NSAIDs block cyclo-oxygenase enzymes including COX-2.")
e(CXB,NSAID,"part_of",T,"established","review","human","kohler2014","Celecoxib is a COX-2-selective NSAID.")
e(CXB,MDD,"treats",TC,"supported","review","human","kohler2014","Meta-analysis: add-on celecoxib improved remission (OR 7.89) and response (OR 6.59), but trials were small with high risk of bias.")
e(NSAID,MDD,"treats",TC,"contested","review","human","kohler2014","Pooled anti-inflammatory treatment reduced depressive symptoms (SMD -0.34) but with high heterogeneity (I²=90%) and high risk of bias.")
e(MINO,SCZ,"treats",TC,"contested","human_interventional","human","deakin2018","BeneMin (n=207): minocycline added to usual care had no effect on negative symptoms, failing to replicate earlier positive pilots.")
e(MINO,MICACT,"inhibits",TC,"emerging","review","mixed","deakin2018","Minocycline's proposed anti-inflammatory, microglia-dampening action comes from preclinical work; BeneMin found no change in inflammatory markers.")
e(O3,MDD,"treats",TC,"contested","review","human","liao2019|bloch2012","EPA-predominant omega-3 showed benefit (SMD -0.28 overall) in one meta-analysis, whereas another found no effect after correcting for publication bias.")
e(MED,MDD,"treats",TGC,"emerging","human_interventional","human","jacka2017","SMILES (n=67): 12-week Mediterranean-style dietary support gave remission in 32% vs 8% with social support; single small trial.")
e(EX,IL6,"increases",TCY,"established","review","human","gleeson2011","Contracting muscle releases IL-6 during exercise, which then triggers anti-inflammatory IL-10 and IL-1ra.")
e(EX,IL10,"increases",TCY,"supported","review","human","gleeson2011","Each exercise bout raises circulating IL-10.")
e(EX,TREG,"increases",TCY,"supported","review","human","gleeson2011","Regular exercise increases circulating IL-10-secreting regulatory T cells.")
e(EX,TLR4,"decreases",TCY,"supported","review","human","gleeson2011","Exercise downregulates Toll-like receptor expression on monocytes, reducing inflammatory cytokine production.")
e(EX,MONO,"decreases",TCY,"supported","review","human","gleeson2011","Exercise reduces circulating numbers of pro-inflammatory monocytes.")
e(EX,MDD,"decreases",TC,"supported","review","human","gleeson2011","Physical inactivity raises the risk of depression; part of exercise's protection may be anti-inflammatory.")
e(EX,AD,"decreases",TC,"supported","review","human","gleeson2011","Physical inactivity is linked to dementia risk; chronic inflammation promotes neurodegeneration.")
e(PRO,GM,"targets",TG,"established","review","human","liu2019","Probiotics deliver live bacteria intended to shift the gut microbiota.")
e(PRO,MDD,"treats",TGC,"contested","review","human","liu2019","Meta-analysis of 34 trials: probiotics had a small effect on depression (d=-0.24), larger in clinical samples; prebiotics had no effect.")
e(PRO,ANX,"treats",TGC,"emerging","review","human","liu2019","Probiotics had only a very small effect on anxiety (d=-0.10).")
e(VNS,VAG,"activates",TG,"established","human_interventional","human","koopman2016","An implanted cervical device electrically stimulates the vagus nerve.")
e(VAG,INFR,"part_of","gut_brain|cytokine","established","animal","mixed","koopman2016","Efferent vagus nerve signals form the motor arm of the inflammatory reflex.")
e(VNS,INFR,"activates",TG,"supported","human_interventional","human","koopman2016","Vagus nerve stimulation engages the inflammatory reflex in humans.")
e(INFR,TNF,"inhibits","gut_brain|cytokine","supported","human_interventional","mixed","koopman2016","The inflammatory reflex inhibits TNF production; shown in animals and now in humans with VNS.")
e(VNS,TNF,"decreases",TCY,"supported","human_interventional","human","koopman2016","VNS inhibited LPS-stimulated TNF production in whole blood for up to 84 days.")
e(VNS,IL1B,"decreases",TCY,"emerging","human_interventional","human","koopman2016","VNS in epilepsy patients inhibited peripheral blood IL-1β production.")
e(VNS,IL6,"decreases",TCY,"emerging","human_interventional","human","koopman2016","VNS in epilepsy patients inhibited peripheral blood IL-6 production.")
e(VNS,RA,"treats",TCC,"emerging","human_interventional","human","koopman2016","Open-label pilot (n=17): VNS improved DAS28 scores in RA; randomised trials needed.")
e(VNS,TRD,"treats",TGC,"supported","human_observational","human","aaronson2017","5-year registry (n=795): cumulative response 67.6% with VNS+TAU vs 40.9% with TAU; open-label and non-randomised.")
e(FMT,GM,"targets",TG,"established","review","human","fairhurst2018","FMT transfers a full donor gut microbial community to the recipient.")
e(GM,UC,"associated_with","gut_brain|condition_mechanism","supported","review","human","fairhurst2018","Gut dysbiosis is implicated in the pathogenesis of ulcerative colitis.")
e(FMT,UC,"treats",TGC,"contested","review","human","fairhurst2018","Randomised trials of FMT in ulcerative colitis have given inconsistent results, partly due to differing protocols and donors.")
e(GFD,CEL,"treats",TGC,"established","review","human","lebwohl2018","A strict gluten-free diet is the effective treatment for most people with coeliac disease; a minority have persistent symptoms.")
e(GFD,TTG,"decreases",TG,"established","review","human","lebwohl2018","tTG-IgA levels fall on a gluten-free diet, so serology is used to monitor adherence.")
e(HCQ,SLE,"treats",TC,"established","review","human","kaul2016","Hydroxychloroquine is the background immunomodulatory therapy for most patients with SLE.")
e(BEL,BC_,"decreases",TC,"established","review","human","kaul2016","Belimumab neutralises B-lymphocyte stimulator (BAFF), reducing survival of autoreactive B cells.")
e(BEL,SLE,"treats",TC,"established","review","human","kaul2016","Belimumab was the first drug approved for SLE in over 50 years.")

# ===== biomarkers =====
e(CRP,MDD,"biomarker_of",BC,"supported","human_observational","human","osimo2019","About 27% of depressed patients have CRP >3 mg/L and 58% >1 mg/L; odds ratio ~1.46 vs matched controls.")
e(IL6,MDD,"biomarker_of",BC,"supported","human_observational","human","dowlati2010","Meta-analysis: IL-6 concentrations are significantly higher in depressed patients than controls.")
e(TNF,MDD,"biomarker_of",BC,"supported","human_observational","human","dowlati2010","Meta-analysis: TNF concentrations are significantly higher in depressed patients than controls.")
e(CRP,TRD,"biomarker_of",BC,"emerging","human_interventional","human","raison2013","Baseline hs-CRP >5 mg/L identified patients with treatment-resistant depression who responded to infliximab.")
e(CRP,RA,"biomarker_of",BC,"established","review","human","smolen2018","CRP is part of composite disease-activity scores (e.g. DAS28-CRP) used to steer RA treatment.")
e(NFL,MS,"biomarker_of",B,"supported","review","human","khalil2018|gaetani2019","Serum and CSF NfL rise with MS disease activity and fall with effective disease-modifying therapy.")
e(NFL,ALS,"biomarker_of",B,"supported","review","human","khalil2018|gaetani2019","NfL is markedly raised in ALS and higher levels predict faster progression.")
e(NFL,AD,"biomarker_of",B,"supported","review","human","khalil2018|gaetani2019","Blood NfL rises in Alzheimer's disease, tracking neurodegeneration (non-specific).")
e(NFL,PD,"biomarker_of",B,"supported","review","human","khalil2018","NfL is usually normal in Parkinson's disease but high in atypical parkinsonian syndromes, aiding differential diagnosis.")
e(NFL,GBS,"biomarker_of",B,"emerging","review","human","khalil2018","Higher serum NfL in Guillain-Barré syndrome reflects axonal damage and predicts poorer outcome.")
e(NFL,NEU,"located_in","biomarker","established","review","human","khalil2018","Neurofilaments are neuron-specific cytoskeletal proteins released on axonal injury.")
e(OCB,MS,"biomarker_of",B,"established","review","human","thompson2018","In a typical clinically isolated syndrome with MRI dissemination in space, CSF-specific oligoclonal bands allow an MS diagnosis (2017 McDonald).")
e(PC,OCB,"produces",B,"established","review","human","thompson2018","Oligoclonal bands reflect IgG made by plasma cells inside the CNS (intrathecal synthesis).")
e(AQP4IGG,NMO,"biomarker_of",B,"established","review","human","wingerchuk2015|borisow2018","A positive AQP4-IgG (ideally cell-based assay) plus one core clinical feature defines NMOSD.")
e(AQP4IGG,AQP4,"binds",B,"established","review","human","wingerchuk2015","AQP4-IgG binds the aquaporin-4 water channel on astrocytes.")
e(AQP4IGG,NMO,"causes","condition_mechanism","established","review","mixed","borisow2018","AQP4 antibodies are pathogenic, leading to complement-mediated astrocyte injury.")
e(AQP4,AST,"located_in","condition_mechanism","established","review","human","borisow2018","Aquaporin-4 is concentrated on astrocyte end-feet at the blood-brain barrier.")
e(PC,AQP4IGG,"produces",B,"established","review","human","borisow2018","AQP4-IgG is secreted by plasmablasts/plasma cells, the rationale for B-cell directed therapy.")
e(MOGIGG,MOGAD,"biomarker_of",B,"established","review","human","borisow2018","Serum MOG-IgG by cell-based assay identifies MOG-encephalomyelitis, a disease distinct from AQP4+ NMOSD and MS.")
e(MOGIGG,MOG,"binds",B,"established","review","human","borisow2018","MOG-IgG recognises conformational MOG on the myelin surface.")
e(MOG,OLI,"located_in","condition_mechanism","established","review","human","borisow2018","MOG sits on the outer surface of myelin sheaths and oligodendrocyte membranes.")
e(ACHRAB,MG,"biomarker_of",B,"established","review","human","gilhus2019","About 80% of patients with MG have detectable AChR antibodies; a positive test with typical symptoms makes diagnosis straightforward.")
e(ACHRAB,CHRNA1,"binds",B,"established","review","human","gilhus2019","AChR antibodies bind the muscle nicotinic acetylcholine receptor at the postsynaptic membrane.")
e(ACHRAB,MG,"causes","condition_mechanism","established","review","mixed","gilhus2019","AChR antibodies induce muscle weakness by blocking, cross-linking and complement-mediated destruction of receptors.")
e(ACHRAB,COMP,"activates","condition_mechanism","supported","human_interventional","human","howard2021","AChR autoantibodies (IgG1) activate the complement cascade at the neuromuscular junction.")
e(NMDARAB,NMDAR,"biomarker_of",B,"established","review","human","dalmau2019","Detection of GluN1 IgG, especially in CSF, is the diagnostic test for anti-NMDAR encephalitis.")
e(NMDARAB,GRIN1,"binds",B,"established","review","human","dalmau2019","Antibodies bind the GluN1 subunit and cause NMDA receptor internalisation.")
e(NMDARAB,NMDAR,"causes","condition_mechanism","established","review","mixed","dalmau2019","The autoantibodies alter NMDAR-related synaptic transmission; animal models reproduce the symptoms.")
e(GRIN1,NEU,"located_in","condition_mechanism","established","review","human","dalmau2019","GluN1-containing NMDA receptors sit at postsynaptic membranes of CNS neurons.")
e(GFAP,NMO,"biomarker_of",B,"supported","review","human","abdelhak2022","Blood GFAP rises with astrocyte damage during NMOSD attacks.")
e(GFAP,MS,"biomarker_of",B,"emerging","review","human","abdelhak2022","Blood GFAP may reflect and predict disability worsening in progressive MS.")
e(GFAP,AD,"biomarker_of",B,"supported","review","human","abdelhak2022","Blood GFAP is raised in Alzheimer's disease, reflecting astrocytic reactivity to amyloid pathology.")
e(AST,GFAP,"produces",B,"established","review","human","abdelhak2022","GFAP is the main intermediate-filament protein of astrocytes.")
e("NIA:amyloid_beta",AD,"biomarker_of",B,"established","review","human","jack2018","Low CSF Aβ42 (or Aβ42/40), or amyloid PET, is the 'A' (amyloid) biomarker in the NIA-AA AT(N) framework.")
e(APP,"NIA:amyloid_beta","produces","condition_mechanism","established","review","human","jack2018","Amyloid-β peptides (Aβ40, Aβ42) are cleaved from APP and aggregate into plaques.")
e(TAU,AD,"biomarker_of",B,"established","review","human","jack2018","Raised CSF phospho-tau is the 'T' (pathologic tau) biomarker in the AT(N) framework.")
e(TAU,NEU,"located_in","biomarker","established","review","human","jack2018","Tau is a neuronal microtubule-associated protein.")
e(YKL,AD,"biomarker_of",BC,"supported","human_observational","human","craigschapiro2010","CSF YKL-40 is higher in very mild and mild AD, and YKL-40/Aβ42 predicted conversion to cognitive impairment.")
e(AST,YKL,"produces",B,"emerging","human_observational","human","craigschapiro2010","YKL-40 immunoreactivity was found in astrocytes near a subset of amyloid plaques.")
e(TREM2,AD,"biomarker_of",B,"supported","human_observational","human","suarezcalvet2016","CSF soluble TREM2 is highest in MCI due to AD and correlates with total and phospho-tau.")
e(TREM2,MIC,"located_in","biomarker","established","review","human","suarezcalvet2016","TREM2 is an innate immune receptor on microglia; its shed ectodomain is measured as sTREM2.")
e(CALP,IBD,"biomarker_of",B,"established","human_observational","human","vanrheenen2010","In adults pooled sensitivity 0.93 and specificity 0.96; screening would cut endoscopies by 67%.")
e(CALP,CD,"biomarker_of",B,"supported","human_observational","human","vanrheenen2010","Faecal calprotectin is raised in active Crohn's disease.")
e(CALP,UC,"biomarker_of",B,"supported","human_observational","human","vanrheenen2010","Faecal calprotectin is raised in active ulcerative colitis.")
e(CALP,IBS,"biomarker_of",B,"supported","human_observational","human","vanrheenen2010","A normal faecal calprotectin makes IBD unlikely in suspected IBS, avoiding unnecessary endoscopy.")
e(NEUT,CALP,"produces",B,"established","review","human","vanrheenen2010","Calprotectin comes from neutrophils migrating into the inflamed gut mucosa.")
e(TTG,CEL,"biomarker_of",B,"established","review","human","lebwohl2018","Most patients with coeliac disease have circulating antibodies against tissue transglutaminase.")
e(TTG,TGM2,"binds",B,"established","review","human","lebwohl2018","The coeliac autoantigen is tissue transglutaminase (TG2).")
e(HCRT,NARC,"biomarker_of",B,"established","human_observational","human","mignot2002","Low CSF hypocretin-1 is highly specific for narcolepsy with cataplexy and is associated with HLA-DQB1*06:02.")
e(HCRT,NEU,"located_in","biomarker","established","human_observational","human","mignot2002","Hypocretin is made by a small group of lateral hypothalamic neurons that are lost in narcolepsy type 1.")
e(DSDNA,SLE,"biomarker_of",B,"established","review","human","kaul2016","Anti-dsDNA antibodies are highly specific for SLE and are used in classification and monitoring.")
e(GQ1B,MFS,"biomarker_of",B,"established","human_observational","human","suzuki1998","22 of 23 patients with typical Fisher syndrome had serum anti-GQ1b IgG; none of the disease or healthy controls did.")
e(MFS,GBS,"part_of","condition_mechanism","established","review","human","shahrizaila2021","Miller Fisher syndrome is a recognised clinical variant of Guillain-Barré syndrome.")

e(IL6,CRP,"increases","cytokine|biomarker","established","review","human","smolen2018","IL-6 drives hepatic acute-phase proteins such as CRP, which is why IL-6R blockade lowers CRP.")
e(TNF,TRD,"biomarker_of",BC,"emerging","human_interventional","human","raison2013","Baseline TNF and its soluble receptors were higher in infliximab responders than non-responders.")
e(ACHRAB,IGG,"part_of",B,"established","review","human","gilhus2019","AChR antibodies are mainly IgG1, the subclass that fixes complement.")
e(AQP4IGG,IGG,"part_of",B,"established","review","human","wingerchuk2015","AQP4 autoantibodies are of the IgG class.")
e(MOGIGG,IGG,"part_of",B,"established","review","human","borisow2018","MOG autoantibodies relevant for diagnosis are IgG.")
e(NMDARAB,IGG,"part_of",B,"established","review","human","dalmau2019","Anti-NMDAR antibodies are IgG directed at GluN1.")
e(GQ1B,IGG,"part_of",B,"established","human_observational","human","suzuki1998","The diagnostic anti-GQ1b antibodies in Fisher syndrome are IgG.")
e(RTX,RA,"treats",TC,"established","review","human","smolen2018","B-cell depletion with rituximab is an approved biological DMARD option in rheumatoid arthritis.")

# ---------------- write ----------------
ids = {n[0] for n in N}
used = {x for ed in E for x in ed[:2]}
rows_n = [list(n) for n in N]
for cid in sorted(used - ids):
    if cid in core:
        r = core[cid]
        rows_n.append([cid, r["label"], r["type"], r["compartment"], "", CORE_DESC.get(cid, "")])
    else:
        raise SystemExit(f"missing node {cid}")
unused = ids - used
if unused: print("WARNING unused nodes:", unused)
with open(D/"nodes.csv","w",newline="",encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["id","label","type","compartment","synonyms","description"]); w.writerows(rows_n)
seen=set()
with open(D/"edges.csv","w",newline="",encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["source","target","relation","topics","evidence","study_type","species","references","note"])
    for ed in E:
        k = ed[:3]
        if k in seen: raise SystemExit(f"dup {k}")
        seen.add(k); w.writerow(ed)
sids = {s[0] for s in S}
usedrefs = {r for ed in E for r in ed[7].split("|")}
if usedrefs - sids: raise SystemExit(f"unknown refs {usedrefs - sids}")
if sids - usedrefs: print("WARNING unused sources:", sids - usedrefs)
with open(D/"sources.csv","w",newline="",encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(["id","citation","year","doi","pmid","url"])
    for s in S: w.writerow([s[0],s[1],s[2],s[3],s[4],url(s[3],s[4])])
nia = sum(1 for r in rows_n if r[0].startswith("NIA:"))
print(f"nodes {len(rows_n)} (NIA {nia}, standard {100*(1-nia/len(rows_n)):.0f}%), edges {len(E)}, sources {len(S)}")
from collections import Counter
print(Counter(ed[2] for ed in E))
