Sé un poco de francés.
¿Por qué sabes tanto de mí?
El poeta se volvió loco al final.
Ellos no tomaron parte en la revolución social.
Tom era feliz cuando todas las chicas que se cruzaban con él en la calle le sonreían, pero su felicidad se desvaneció rápidamente cuando descubrió que su bragueta estaba abierta.
El médico rompió el juramento de Hipócrates.
Hoy has tomado mucho café, ¿verdad?
Pásame el bolígrafo rojo.
Todos los colores acordarán en la oscuridad.
Pasó.
Esta montaña está cubierta de nieve todo el año.
¿Dónde aprendieron a bailar así?
Yo también compré uno.
Te recompensaré.
El hombre no se mueve menos por ser viejo, se hace viejo por moverse menos.
Si la montaña no viene a Mahoma, entonces Mahoma debe ir a la montaña.
¿Mis zapatos te gustan?
¿Dónde está Cabilia?
¡Nunca lo diré!
Todo lo que quiero es una lavadora.
Yanni responde a cada comentario.
Libia es muy inestable.
Tom y Mary no se llevan bien.
Le echo mucho de menos.
Quiere ponerme celosa, pero no puede.
A los niños les gusta la nieve.
Era una historia desconsoladora.
El camión tuvo que parar porque su carga se había caído.
Yanni puede arrancar el coche ahora.
Vale, nos vemos mañana.
¡También me encanta la tortilla de patata!
El ejercicio mental es particularmente importante para los chiquillos.
El cine es una gran distracción.
Tom adora escalar montañas.
Esa es la oficina de Tom.
El pequeño patito puede nadar pero no ha demostrado esta facultad.
Tomás le pasó a María un billete de veinte dólares.
Es curioso que me pidas una moto cuando te da miedo ir en bicicleta.
Queremos cancelar nuestra reserva.
Yanni también ama a Skura.
Tom es agradable.
Tenemos un estegosauro.
Aprende a ser humilde.
A pesar de ser insultado, él consiguió mantener su temperamento.
¿Viven muchas personas en tu ciudad?
No cabe duda de que el universo es infinito.
¡Oh, querida niña! Me encantaría verte convertirte en la esposa de un buen granjero y ser una de nuestras vecinas.
No falta mucho para que empecemos.
A veces puede resultar extremadamente doloroso.
Nadie habla así en Alemania.
En 1985, Garry Kasparov jugó una simultánea contra 32 ordenadores y ganó todas las partidas.
Sentémonos.
¿Tu tránsito intestinal es regular?
Me dio una erección.
Nuestros ancestros no pensaban en nuestro destino.
Las truchas son peces de agua dulce.
Hace tiempo que no te digo que te quiero.
No sabía que hablabas inglés.
Espero que esto ayude a Yanni.
No puedes dar una buena pelea con una actitud tan pesimista.
¿Cómo puedes soportar el ruido?
Cierra la puerta cuando estés en el baño.
Te dejo mi número de teléfono por si quieres llamarme.
La mayoría de mis primos viven en Madrid.
A ellas les gusta mucho el fútbol.
Así es como él resolvió el difícil problema.
Usted está libre mañana.
Este juego es similar en ciertos aspectos al fútbol americano de hoy en día.
Le daré un año de subsidio de una vez.
No entiendo nada de esto.
No soy tan terca como dices, y no puedes hacerme cambiar de opinión.
Tom no podía ver el lago desde donde estaba parado.
Yo también compré una.
Te lo tendré que contar algún día.
Era la primera vez que Tom vivía en ultramar.
Pensé que a Tom le gustaría.
Puede ser un gorrión, pero todavía es carne.
¡Nunca aceptes un regalo pensado como un soborno!
No hacer nada es muy agotador.
¿Quieres leer un poema mío?
Gracias por ser mi novia.
Supongo que ella era feliz entonces.
Ella estaba decepcionada.
Melanie trabaja como periodista.
Hicieron una película de toda la ceremonia.
Mis antepasados lo escribieron.
Pronto dejarás de pensar en él.
Estoy conduciendo, no puedo contestar al teléfono.
Dices que Nessie es un ser imaginario, pero yo creo que ella existe.
El artículo es genuino.
¿Por qué no dejamos ganar a Tom?
Me tocó el hombro.
Ella se fue sin ni siquiera decirnos adiós.
Le dijimos a Tom que no era bienvenido aquí.
¿Compraron ellos el jugo?
Vino a mi mente una brillante idea.
No te puedes ocultar de mí.
Hablar con Eliana es como hablar con la pared.
El nuevo ferrocarril aún no se ha completado.
Ellos tienen un poderoso arsenal militar.
Deberías haber venido antes.
Sé que no debería sentirme así.
Este tipo es realmente débil. No puede tomar una decisión para salvar su vida.
Eres innoble.
Esta es mi bicicleta vieja.
Ella apagó el ordenador.
Puedes descansar.
Maduró con los años.
Tom se encogió.
No todo en este mundo se mide en dinero.
Él volvió nuevamente.
Estaba tan cansada que no podía dormir.
Odio cuando la gente se burla de mi acento.
Es pura magia.
Ellos nunca van de paseo.
¿Qué periódico coge ella?
¿Este vídeo es de ayer?
Está lleno de paranoicos.
¿Dónde encontraste esto, Tom?
Lo lamento, pero sencillamente es imposible.
Tom es difícil de aplacar.
¿Ha rezado Tom?
Se ha ido a América.
Tom fue despedido de su trabajo de verificador de hechos.
Él se enteró del rapto por ella.
Tengo que afeitarle el pecho para el electrocardiograma.
Aquí hay hombres que trabajan, excepto John. Ese tipo no hace nada.
Era un ratón.
¿Consumes benzodiacepinas como Klonopin, Ativan y Xanax, que no te hayan prescrito?
Puedes confiar en mi.
La gente en este país tiene como costumbre inclinarse cuando se saludan.
Tom ayudó a Mary a desvestirse.
Es el mejor pavo que he probado nunca.
Él era un buen rey.
Tom nunca dice hola.
Tuve que aprender un nuevo idioma para hablar con mi mujer.
El bebé se ha dormido.
Deberías haber realizado un estudio de idiomas en el extranjero.
A Tom y a mí no nos gustan las mismas clases de películas.
Su perro lo miraba cada mañana mientras tomaba desayuno.
Al entrar al cuarto, ella se cayó.
Me encanta el pan fresco.
El equipo campeón mundial japonés regresó a casa con la victoria.
¿Hay alguna excusa que te hayas cansado de oír?
Este certificado es válido hasta el final de 2023.
Yanni envía mensajes de texto a otras personas.
El águila surca los aires con estrépito, buscando un lugar para su nido.
El padre pedía venganza contra el hombre que desfloró a su hija.
Me gustaría quedarme aquí con Tom.
Perdona, no sé tu nombre y tu patronímico.
Tom siempre está intentando comerse a Jerry.
Dios premió a las comadronas. El Pueblo se multiplicaba y se hacía fuerte. Y a las comadronas, porque temían a Dios, les concedió descendencia.
Él se considera enfermo.
Necesito mis gafas.
La frescura es nuestra máxima prioridad.
Te llamaré mañana.
Debes dejar tu habitación ordenada.
Su matrimonio se realizará mañana.
Un cambio es tan bueno como un descanso.
En nombre de la luna, ¡te castigaremos!
Me acabé el libro el mes pasado.
Tom apagó el fuego.
Hay un agujero en tu calcetín.
Al menos ella no murió en vano.
La mejor forma de saber cómo es un país es ir y verlo con tus propios ojos.
Siguieron platicando durante horas.
Odio la humanidad, porque me considero uno de los mejores de ellos, y sé lo malo que soy.
Aunque quisiera, no podría hacer eso.
Soy Mary, la hija de Tom.
No botes nada.
Ayer te vi en la estación, ¿fuiste a despedirte de Marta?
Voy a ser breve.
¿Has tenido tos persistente en los últimos días?
Nací en el año en que murió el abuelo.
Estudio ido.
Judit es una ajedrecista más fuerte que Zsuzsa.
¿Sabe qué calle lleva a mi casa?
Cuando era más joven, no me gustaba cantar.
Ante la duda, a favor del acusado.
Espero que lo consigan.
Él me dijo que no condujera demasiado rápido.
Necesitáis paciencia.
¿Cómo vas a solucionar este problema?
Al no encontrar su sacapuntas, Luis intentó sacar punta al lápiz con las tijeras pero al no conseguirlo, se fue a comprar un sacapuntas nuevo.
Hice uso de esta buena oportunidad.
Dios lo hizo.
Estoy harto de beber jugo de manzana.
¿Por qué se salió Tom?
Yo no sabía que fumaras.
¿Lo sentís?
¿Por qué estuviste tanto tiempo de pie frente a mi puerta sin llamar?
"Regresaré", dijo Tom.
No creo en vos.
Mi tío dirige una compañía.
Tom se ha enamorado de Mary.
Tu no has leído esta novela.
Lo sabía desde el comienzo.
Mi abuela nos hizo un estofado de carne y patatas.
Te pido disculpas por no haberte escrito antes.
Por fin llegó nuestro turno.
Es un trabajo de monos.
Usé el destornillador para girar el tornillo, pero no quería girar.
Es muy difícil estar a la altura de su reputación.
¿Vendrá John a vernos mañana?
"¿Me prestas algo de dinero?" "Estoy sin blanca."
Cuando el marido de Mary murió, ella tuvo ganas de suicidarse.
Mary le pidió a Tom que se uniera al club de literatura.
Trump llama al coronavirus "el virus chino".
¿Qué es una pandemia?
Él vive en una casa grande.
¡Mucho gusto conocerte!
Estaban de pie.
«Llegas tarde de nuevo, Tom.» «Lo siento, es que me he dormido.» «Bueno, no pasa nada. Me alegra que por lo menos hayas venido.»
Tom no tenía tiempo suficiente para hacer nada más.
Estoy ahorrando dinero.
Gracias. Lo haré enseguida.
Me levanté más pronto de lo normal para coger el primer tren.
¿Debería dimitir?
A Tom no le gusta cuando le dices lindo.
Lo entenderé.
No estoy seguro de por qué Tom dijo esas cosas, pero apuesto que ahora desearía no haberlo hecho.
Usted puede tener el mío.
Nadie estaba contento.
La ciudad estaba alarmada por el terremoto.
Esta regla puede aplicarse a cualquier caso.
Ya sabes mi historia.
No puedo recordar su explicación.
El cielo se ha despejado.
Por muy duro que fuera el entrenamiento, Tom no lloró nunca.
Estoy acostumbrado a las bajas temperaturas.
Ayer se realizó un discreto homenaje a las víctimas del accidente.
Toma el control.
Tom pensó que él podría contar con Mary para hacer un buen trabajo.
Aprender un poco cada vez.
¿Estás conectado a internet?
¿Puedo ir con él?
América fue descubierta por Colón en 1492.
¿Te contó Tom dónde estuvo anoche?
Yo pienso que el diablo no existe, sino que le ha creado el hombre, le ha creado a su imagen y semejanza.
Mucho ayuda el que no estorba.
"El fútbol nunca ha sido un muy buen negocio para los propietarios de los clubes hasta hace algunos años. El Manchester United, el Manchester City, el Real Madrid, casi cada club en Europa y en el mundo, tiene una deuda enorme. Pero los grandes clubes tienen una deuda mayor porque tienen más salarios que pagar. Dependen más de las audiencias", dijo García a VOA.
Nos gusta nuestra casa.
John sacó una llave de su bolsillo.
Si aún no estás listo, podemos esperar.
Varias aerolíneas, incluyendo Air France, Lufthansa y Singapore Airlines han dicho que no volarían a través del espacio aéreo bielorruso.
Tom está discutiendo con Mary.
Tom no fuma más.
¿Cuándo se fue? ¿Fue a las cuatro o a las cinco PM?
Mary dijo que ella no era cristiana.
Él apoyó la nariz contra la ventana.
Todavía no puedes irte.
Me han dicho que estás buscando una niñera.
Tienes muchos alumnos, ¿no?
Ahora sigue mi turno.
Estás muy feo.
¿Tienes los tobillos hinchados cuando te levantas por la mañana?
Es necesario erradicar la corrupción de Argelia.
No vayáis a la jungla solos.
Fue un error informático.
No camine sobre el cristal.
No es que de verdad me guste. Es sólo que me parece muy atractivo.
Le gusta jugar al fútbol.
¿Tienes zumbidos en los oídos?
A ti no te conozco pero conozco bien a la gente como tú.
Tom trabaja en una empresa farmacéutica.
Fui más listo que tú.
Gracias. Lo haré enseguida.
Lamento llegar tarde.
Tiene muchas ganas de un vestido nuevo.
Traje plátanos.
Simplemente se desvaneció.
Ellos pelearon una feroz batalla.
Me he acostumbrado a vivir solo.
Tom es excéntrico.
Se dice que el límite que puede alcanzar el ELO de un jugador de ajedrez es 3000. Hasta el día de hoy, el máximo alcanzado fue de 2882, por el actual campeón del mundo Magnus Carlsen.
Tengo que pedirte disculpas por lo que dije ayer.
Tom echó gasolina a las cartas y las prendió fuego.
Él es un monstruo.
¿Eres traductor?
¿Por qué no aportamos todos nosotros treinta dólares?
Desde aquí a la estación de tren se tarda unos tres minutos.
¿Cuándo fue la última vez que visitaste Australia?
Todos nosotros tenemos algún interés en la historia. En cierto sentido, somos todos historiadores.
Tom pasó el día entero en la cama leyendo.
El helado que comí ayer estaba delicioso.
Tom siempre habla en voz tan baja que apenas le entiendo lo que dice.
El agua está tibia.
¿Has tenido alguna vez este problema?
Estoy perdido para siempre, ¿lo ves? ¡Estoy en un aprieto!
La discreción es una virtud rara e importante.
¿Te han tratado de una infección tras tu cirugía?
En el sur de Francia a los cátaros se les llamó albigenses.
La vida es dura y difícil.
¿Cuál es el apellido de él?
Tom está sirviendo un vaso de leche.
Creo que este libro le gustará.
¿Quieres decir que ocultas intencionalmente tu belleza?
El chico logra memorizar todo lo que lee.
¿Por qué hiciste eso?
Los separatistas siempre se ofenden.
Me dijo que él se había ido.
Ahí está su amigo.
Lo malo es que mi francés no es muy allá.
¡Estoy loco por ti!
La policía le detuvo por robo.
Tom es un policía.
No puedo asar esta carne a la parrilla. ¡Se echó a perder!
Yanni ni siquiera puede pronunciar correctamente "Argelia".
A Tom no le gusta beber.
Es un honor para mí poder contribuir.
Ella siempre mantiene su cuarto limpio.
Cookie desapareció sin dejar rastro.
Él tiene un problema de actitud.
Debería probarlo con alguien.
¿Te tengo que pagar a ti?
Escribe un poema de cuatro estrofas de tres líneas cada una.
La berenjena es el ingrediente principal de algunos platos vegetarianos con salsa de tomate.
Estoy en la bañadera.
Todos nuestros esfuerzos terminaron en fracaso.
¿Quién es el director de esta empresa?
La señora bajita que hay allí es mi madre.
¿Y si sacamos unas fotos?
Este camino le llevará al parque.
Su novio es muy educado.
Vete a casa.
La tienda también abre por la noche.
Los vecinos son demasiado cotillas.
Está lo sabido conocido: hay cosas que sabemos que sabemos. También está lo sabido desconocido, es decir, sabemos que hay cosas que no sabemos. Pero también está lo desconocido desconocido: lo que no sabemos que no sabemos.
Estamos de reforma.
Es difícil dejar de fumar.
Sami estaba comprando y vendiendo coches.
Es bueno para nosotros el entender de otras culturas.
El Gobierno nombró a un comité para investigar el accidente.
Yanni estaba trabajando.
Prefiero que Tom lo haga.
Mary hizo algunos emparedados de huevo.
Pero no puede danzar.
Probablemente hablamos durante una hora o dos.
¿Me estoy riendo?
Taro, ¿Puedes ayudarme?
Ella nos ha olvidado.
Va al colegio a pie.
¿Te das cuenta de que al responder "¡tiene razón!" a su "siempre estás mintiendo" has creado una paradoja?
Hermana, ¿me puedes prender la luz?
Nunca hablamos con ellos.
El sol de verano pegaba en nuestra frente.
Kate está loca por un nuevo cantante que aparece a menudo en la televisión.
Me sentí muy solo.
No necesito nada.
Su risa infantil es encantadora.
Doy por descontado que aprobará el examen.
Tengo miedo de que llueva mañana.
¿Qué compraste para mí?
Le pidió a Tom que tocara la guitarra.
Tom no me dejó nada de comer.
El resultado del test es negativo.
Ella me agrada.
Llevo tres horas esperando el autobús.
Los pies de Tom están hinchados.
Tiene un diario de sueños al lado de la cama para no olvidar los sueños que tiene y después analizarlos.
Por favor tome asiento.
Vomitaron.
Ese dinero no es mío.
No encuentro un lugar para estacionar mi nave espacial.
He estado en París.
Me casé con mi esposo en 1990.
No te he visto desde la secundaria.
Tom es tímido con los extraños.
No soy tan terco como dices, y no puedes hacerme cambiar de opinión.
Tienes un mensaje.
Yanni reconsideró su punto de vista sobre Argelia.
¿Es muy lejos de aquí?
Comparto vuestro dolor.
Estás más pálido que un fantasma. ¿Estás enfermo?
No sé conducir un autobús.
Perdón, no puedo ir al trabajo hoy porque me siento enfermo.
"¿Por dónde queda la biblioteca?" "Por allá."
Nos atrapó una tormenta.
¿Iréis andando o en autobús?
Esta palabra no se usa comúnmente.
Muchas madres malcrían a sus hijos por no ser lo suficientemente estrictas.
Tomás me escuchó.
Es profano dejar un cadáver sin enterrar.
El otoño empieza en septiembre.
El francés es difícil, ¿no crees?
No fue hasta esta mañana que dejó de llover.
¿Cuándo fue la última vez que te hicieron un chequeo?
Actualmente, los jugadores de ajedrez tienen programas informáticos avanzados, como Alpha Zero, Deep Mind y Stockfish, para analizar cualquier posición en una partida de ajedrez.
Hay una cosa que quiero saber.
No sos tan rápido como dijiste.
Voy a necesitar un poco de ayuda.
Betty White es muy popular entre los americanos.
Si el sol saliera por el oeste, no cambiaría de idea.
Deja de posponer buscar un empleo.
Tom es feliz.
Tom se preguntaba si el pintor será capaz de disimular los pequeños agujeros en las paredes.
¿Habla alguien japonés aquí?
Me costó muchísimo encontrar tu apartamento.
Yanni necesita intentarlo.
Tomad, bebeos esto.
¿Cómo funciona Internet?
Todos estamos preocupados por Tom.
Ganamos.
Bebíais leche.
No puedo hacer mi cama. ¡No tengo tiempo para eso!
Yanni atravesó el laberinto.
Explíquelo de nuevo, Jerry.
Has cometido el mismo error.
Fue la primera vez que un hombre caminaba sobre la luna.
Los camellos pueden recorrer cientos de kilómetros durante varios días sin beber una gota de agua.
Mi perro tiene malas pulgas, siempre está ladrando a cualquiera que pasa por delante de él.
¿Ah, sí?
Ya no eres joven.
Raumschach (en alemán, "ajedrez espacial") es una modalidad de ajedrez inventada en 1907 por Ferdinand Maack y que añade una tercera dimensión al tablero.
Uno, tres y cinco son números impares.
¿Cuáles son tus impresiones de los nuevos miembros del staff?
La bruja, por diversión, convirtió a Tom en un ratón y a María en un gato.
¿Te gustaría ir?
¿Es que Mary no se da cuenta de que Tom la quiere?
Tom nos tiró cosas.
Las nubes son grises.
Lo siento, me tengo que ir.
Él juega un papel importante en nuestra organización.
Este es un pequeño paso para el hombre, pero un gran salto para la humanidad.
No tengo más preguntas.
¡Traducime! ¡Traducime!
¿No tienes nada mejor que hacer que leer esta mierda?
Él alcanzó su bolígrafo.
Cerramos nuestras puertas.
Tom accedió a aceptar la oferta de María.
No compraron la novela.
Deberías prestar más atención a lo que decís.
Mi puerta siempre está abierta para él.
La chica suplicó a su madre que la acompañara.
Ojalá pasara más a menudo.
Yo llegué más tarde de lo acostumbrado.
Yo también empecé a llorar.
Él tenía que encontrar otra manera.
A él le gusta la cultura occidental.
Todos estaban interesados en la historia.
Los profesores están enseñando de nuevo. La huelga se ha acabado.
Tom es el único canadiense que conozco.
¿Cuándo irá a casa?
Me da igual que se rían de mí.
Aún no tenemos una vacuna contra el coronavirus.
¿Alguno de ustedes tiene algo que decir con respecto a esto?
¿Me están deteniendo?
Diles que alguien les estaba buscando.
Sí, un poquito.
Realmente eso dio en el clavo.
A algunas personas les gusta el verano, y a otros les gusta el invierno.
Hablas como si fuera mi culpa.
Espero que esté equivocada.
Su respuesta no fue favorable.
Desconozco el significado de la palabra 'imposible'.
Un camión se atascó en el cruce ferroviario.
Si no vas a ir, yo tampoco voy.
Compro, luego existo.
Nunca cedió a la tentación.
¿Cuándo fue la última vez que usted jugó al fútbol?
Al no saber qué contestar, me quedé callada.
Mi perro viene conmigo a cada lugar que voy.
¿Por qué no lo hacemos igual que lo hicimos ayer?
Yanni estaba insatisfecho con todo lo que hacía.
Sé lo que quieren decir.
Voy a irme de acampada con Tom.
Tom le pidió a Mary que tocara algo con su guitarra.
Quiero viajar algún día al exterior.
¿Qué tan lejos de aquí está el museo?
Conoció a muchas personas fascinantes en el curso de sus viajes.
Después de fracasar cuatro veces, él no lo intentó más.
Acabamos de despedir a Tom.
¡Qué cara más dura! ¡Hizo un piscinazo, se acercó cojeando al árbitro y, una vez que le hubo sacado la roja al jugador del otro equipo, se fue caminando tan normal!
El queso y la mantequilla son productos lácteos.
Los fumadores son una banda de idiotas.
No usaríamos la forma "vosotros" si no viviéramos en España.
Él siempre estaba listo para ayudar a las personas en problemas.
He oído que Tom besó a Mary.
¿Aceptaste su invitación?
Necesitas paciencia.
Bob comenzó a construir su castillo en España cuando habló de heredar la riqueza de su padre.
Entré en la Marina.
No creo que ésa sea la respuesta.
No puedo imaginar mi vida sin ti.
La gente religiosa no es especial.
La traducción del título al francés es ridícula.
Trabajo para el bienestar público.
Saludos desde México.
En 1951, en el Palacio de los Pioneros Soviéticos, el Maestro Internacional Británico Robert Wade jugó una simultánea contra 30 niños locales de hasta 14 años. Después de siete horas de juego, el MI Wade logró hacer 10 empates, habiendo perdido las otras 20 partidas.
¿Puedes tomarme una foto?
Puedo ver a una mujer y a dos perros dentro del auto.
Lloro cada vez que escucho esta canción.
Tom se encabronó cuando encontró con llave a la puerta.
¿Lo sienten?
Es camarero y también actor.
Este perro nació hace dos meses.
La cortadura se curará en unos pocos días.
Todos nuestros esfuerzos fueron en vano.
Eso complica la cosa.
Ojalá no fumaras tanto.
Eso no parecía preocuparle.
Te lo estás inventando.
La vista era sobrecogedora.
Ya hemos pagado nuestro alquiler.
¿Alguna vez has visto a un ciego nadar? Seguramente él tampoco.
Hay mucho que ver aquí en Boston.
¿A qué hora llegas a casa?
A Tom le encanta escalar montañas.
Si me hubiera dado cuenta de lo que tramabas, no lo habría concedido.
¿Te ha pasado algo en la pierna?
¿Qué ha hecho Tom?
La invención de la bomba nuclear supone que somos capaces de autodestruirnos.
Necesito un libro.
La gramática inglesa en mi enemiga.
Levanta la mano antes de responder.
¿Qué tipo de ropa te gusta usar?
¡Hoy es tu cumpleaños! ¡Anda con más brío!
Siempre había soñado con convertirse en ajedrecista profesional.
No puede caminar más.
Ese es un cambio que todos podemos esperar.
Estas naranjas se pudrieron.
Tiene soluciones innovadoras.
Tras una madura reflexión, decidí aceptar su oferta.
Lo que quiero decir es esto.
Es un placer conocerlo.
Tengo café, té, agua y zumo recién hecho.
Algunos son rojos y otros son blancos.
Yanni vio a alguien fuera.
Las cosas que he tirado a la basura ya no eran útiles.
Son compas de la escuela.
Tom tiene una importante decisión que hacer antes del próximo lunes.
El libro es gordo.
Todos los libros se pueden dividir en dos clases.
Ese equipo siempre va en último lugar.
¡Eh! Se os ha bajado la bragueta. Abrochaosla.
"¿Por qué está riéndose tanto ese niño?" "¡Por algo raro que dijiste!"
Esta es una casa espléndida.
Le dio un obsequio que le recordaría los días felices que habían vivido juntos.
Olvidamos pagar nuestro alquiler.
¿Cuánto dinero te ofreció Tom?
Estaré ocupada la semana que viene.
Es sopa de tomate.
Mañana ayudaré a Tom.
El café puede tener un efecto adverso para el estómago.
La sangre en el camino ha de ser mía.
¿Cuál es tu libro?
Deberías mudarte aquí.
Solo piensas en ti mismo.
Me gusta cómo el viento juega con tu pelo.
Tom estaba loco por Mary.
Esto puede convertirse en un riesgo medioambiental.
Estoy usando un reloj caro.
Nuestra maestra está calificando los trabajos.
Mi papá dice que escribo como una gallina cuando come maíz.
Él habló demasiado rápido para los estudiantes.
No importa como lo intentemos, es imposible distinguir la buena gente de la mala por la apariencia externa.
¿Dónde está? Llevo horas buscándolo.
Puse las sobras en el frigorífico.
Tom puede oírnos.
Nadie estuvo de acuerdo conmigo.
Parecía que Tom se estaba divirtiendo.
El escándalo "del Recluta" es un escándalo de corrupción concerniente a funcionarios públicos y políticos que aceptaron como sobornos acciones no reveladas de la compañía RecruitCoscom. Las acciones habían ido aumentando constantemente.
Mi madre es abogada.
Argelia es el tipo de país con el que otras naciones temen comprometerse.
Amanece.
Yo soy de Noruega.
Me gusta Alex Marcelo.
Apruebo de tu plan.
Debemos volvernos a la edad media para rastrear su origen.
¡Te recuperarás pronto!
Este lugar es enorme.
¿Cuándo llegaste a China?
Tiene la garganta irritada y fiebre. No salga.
¿Cuándo llegó usted a Londres?
La vida tiene un cien por cien de tasa de mortalidad.
Está claro que le hago sentir incómoda.
He quedado con Sandra para ir de compras, ¿quieres venir?
¡Sé realista!
No estoy preocupado por el dinero.
Mi perro ladra a extraños.
A esta hora viene él siempre.
Si juegas al ajedrez, sabes que un peón puede ganar el derecho a convertirse en alfil, caballo, torre o dama.
Cuidado al salir.
No sé si él es español o argentino.
Durante mi vida, he tenido la gran felicidad de viajar mucho por el mundo y trabajar en muy diversas naciones.
Mi padre cocina a menudo.
No tiene corazón en lo más mínimo.
Creí haberte oído.
Cuanto más aprendo esperanto, más me gusta ese idioma.
Tom está en cama con gripe.
Esos zapatos son de ella.
Tom marcó el ternero.
Hay cerveza gratis los jueves por la noche.
Intenté cambiar de asunto lo más rápido posible.
Estaba fingiendo.
Pensé que Tom murió el año pasado en Boston.
Yanni vino a quitar la cadena de la puerta.
Los soldados están muertos.
Yanni se puso muy específico.
Siempre dejas el suelo del baño mojado.
La camisa nueva de Tom encogió cuando la lavó y ahora no le vale.
Detente aquí.
Yanni corrió escaleras arriba para coger sus llaves y apagar la alarma.
Un niño de ahora no haría eso.
Soy japonesa.
Necesitamos ordenar nuestra casa.
¿Voy bien por aquí?
Tom es una persona amistosa.
¿Firmaron?
Tengo un amigo chino y me gustaría pedirle que me dé lecciones de chino.
El hombre es mortal.
Tengo que predicar con el ejemplo.
No tenemos nada más que perder.
Podéis verlas riendo y bailando por la noche.
Quiero cambiar de vida.
No le digas nada a nadie.
Ella lleva una semana sin salir.
La gente come para vivir. Yo vivo para comer.
El veinte de febrero es el quincuagésimo-primer día del año.
Llámame en cuanto esté lista.
Por favor, acepte mis sinceras disculpas por mi impertinencia.
Allí hace frío incluso en verano.
Todos tenemos deberes que cumplir.
Lo extraño mucho.
¿Cuánto dinero quieres ganar?
¿Come en el aula?
¡Feliz Día sin Compras!
Creo que podríamos ser buenos amigos.
Quiero a todo el mundo en cubierta.
Yanni apagó la televisión.
A mí me parece obviamente falso.
Ella nunca ha tenido una mala experiencia.
El que pierde va a tener que lavar los platos.
Vení.
Si el dinero no fuera un problema, ¿qué profesión te gustaría ejercer?
Sé que ganarás.
Podría ser importante.
Él es muy sensiblero.
Necesito algunas cajas de cartón para empacar mis pertenencias.
¿Cuándo fue la última vez que vomitó?
Tom estaba protegiendo a Mary.
Estaban entusiasmados con las noticias.
Tom se cayó del lomo del caballo.
Tom tiene una voz grave.
¿Quién dice que un niño y una niña no pueden ser amigos?
Esta es una buena sugerencia.
Él está despierto.
Miramos a ese niño.
No tienes que contestar a sus preguntas.
Permaneció en silencio durante la comida.
Tom puede traducirlo al húngaro para ti.
El cohete fue lanzado al espacio.
Los banqueros controlan el mundo.
Yanni no abrió esa puerta.
Si no es importante.
Mi casa, mis normas.
¿Estás libre el miércoles?
Ellos se gobiernan a sí mismos.
Vi a un oso manejando una van.
¿Te pasó algo?
¿A qué hora nació ella?
No estoy de humor para pizza.
¿A qué hora termina la clase?
Este restaurante solo acepta efectivo.
Yo averiguaré cómo actúa la medicina.
Entonces, ¿qué tenemos que hacer?
No queremos llegar tarde al concierto.
Mira lo que he encontrado en el bosque.
Ella abandonó a los hijos.
Si llueve, me quedaré en casa.
Preferiría morirme.
Ya nadie habla ese idioma.
Tienes que quedarte aquí.
Nosotras tenemos un estegosauro.
¡Muchas gracias por su ayuda!
Tomás se escondió en el ático.
¿Qué lado ganó?
¿Por qué piensas que tu método es mejor?
No bebáis propano.
Su rostro palideció de miedo.
La tienda no abre los sábados.
¿Por qué son amarillos los patitos?
Hay un pasaje secreto.
Creo en Ken.
Si no estuviera enfermo, me uniría a vosotros.
Mary tenía que ir a la escuela.
Tom es polígloto.
Por favor, muéstranos tus imágenes.
El mono está en la jaula.
Esta es una buena cámara.
Tom estará pronto aquí.
Quedamos de salir a comer a la noche pero no pasó nada.
No me quiero bañar.
No quiero salir esta tarde.
Yanni explicó la situación.
Se hizo esas heridas por tocar demasiado la guitarra.
Decoro las páginas de mi libro con los colores de varias banderas.
Se nos pidió que nos presentáramos por turnos.
Ayer te eché mucho de menos.
Tú tienes miedo.
Dicen que ese medicamento no es seguro.
¿Querés escucharlo?
El hombre está comiendo alubias.
Soy dueño de esta frase.
Cuando escucho esta canción, pienso en ella.
¿Has visto mi botella?
Tom me preguntó por qué no podía ir.
Estaba desarmado.
¿Oíste lo que pasó anoche?
La llevaron inconsciente hasta el hospital.
Tom se olvidó de quién lo dijo.
No tome nada por vía oral a partir de medianoche.
¿Tenéis algo que ver con eso?
Creo que estoy seguro de que quizá sea esta la mejor opción.
Retomemos una vez más este plan.
¿Por qué no me dijiste acerca de esto?
Vayamos mañana al mercadillo.
Síguelo.
Estoy lleno de alegría.
Ni siquiera recibí una carta de ella.
El problema es que no tenemos suficiente tiempo.
Te llamaré tan pronto como llegue a la estación.
Corregid las siguientes oraciones.
Mira este extenso mapa de América.
Pensado para los niños, este libro a menudo lo leen adultos.
Boston es un buen lugar para vivir.
Él está poseído por la ambición de gobernar el mundo.
Haré una excepción solo por esta vez.
Me ofrecí a ayudarle con sus tareas.
No es importante.
Suecia tiene generosas políticas de licencia parental y atención de los niños.
¿Cuándo paró la lluvia?
El español y el italiano son muy similares.
Hace una semana que se fue.
No sé cocinar tan bien como mi madre.
Tom tiene problemas para acostumbrarse a la idea de que su padre fue el autor de una masacre.
Límpialo, por favor.
Tom me ayuda a ordeñar las vacas.
Lavate la boca antes de hablar de mí.
Tom no le dijo su secreto a Mary.
Tom quería comer pastel y helado de postre.
No deja de llamarme.
¿Cómo lo consiente usted?
Un hombre anciano se acercó y estrechó la mano de Lincoln.
Me voy a reunir con Tom a las dos y media.
Hay una cosa que quiero saber.
Tengo que comprarme unas plantillas para los zapatos.
Mary puede encarar a la muerte con tanta serenidad.
Tom morirá.
Ella ha escrito mal mi nombre.
Tom vertió su café.
Está claro que nos abandonó.
Me pregunto si le pasó algo.
¿Hay alguna diferencia entre el té de Shizuoka y el de Uzi?
Nos quitamos los sombreros.
Creo que es un zorro, y no un perro.
Me alegra oír que Tom ya está mejor.
Ella quiere el mejor resultado para su dinero.
Quinientos soldados fueron enviados a la ciudad, sobreviviendo menos de la mitad de ellos.
¿Por qué la odiás tanto?
Te necesito en Boston.
Cruzar este camino es extremadamente peligroso.
Te llevaré a casa.
La pared se ha pintado de amarillo.
¿Vas a visitar a tus padres?
Odio ver películas.
Es un restaurante barato.
Él no ha pagado su parte del alquiler.
Me gustaría ir a Francia.
Vine a hablar con Tom.
No es mucho, pero es mejor que nada.
No estoy solo. Estoy con Tom.
Un día, me desperté y vi que Dios me había puesto pelo en la cara. Me lo afeité. Al día siguiente, vi que Dios me lo había vuelto a poner en la cara, así que me lo afeité otra vez. Al tercer día, cuando vi que Dios me había puesto pelo en la cara de nuevo, decidí que Dios se saliera con la suya. Por eso tengo barba.
¡Bienvenido a China!
Si lo quieres, cómpralo.
¿Hay una estación de metro aquí?
Todas las chicas llevarán vestidos cabilios.
Y por cierto, ¿cuántos años tiene usted?
Tom es un fanático.
Ojalá pudiera hablar francés con mayor fluidez.
Por favor no cometas los mismos errores que yo cometí.
Tomás no trabaja por su cuenta.
Tom le dijo a Mary que lo hiciera de inmediato.
Liberaron al prisionero.
El epiciclo dio lugar a que los griegos explicasen los movimientos de los planetas.
Estoy realmente preocupada.
¿No hablaste con Tom?
Soy un fiestero.
«La verdad es que no veo por qué se tiene que poner así, si solo era una broma.» «A estas alturas ya deberías saber que se lo toma todo a la tremenda.»
Creo que es eso lo que dijiste.
Oí que uno puede matar hombres lobos disparándoles con balas de plata.
¿Te gustaría hacer una declaración?
Creo que a él no le gusta aquí.
Yanni vende productos de belleza.
Eso es terrible.
¿Dónde comprasteis puerros Ali y tú?
Ella se frotó la cara con un pañuelo.
Me gustaría aprender alemán.
¿Crees que hay alguna posibilidad de que Tom tenga razón?
Tom estuvo durmiendo en el sofá casi toda la tarde.
No hay que confundir la educación con la capacitación laboral.
¿Quién los hace y qué tienen adentro?
¿Con cuánta comida debería estar alimentando a mi perro?
Parece que ambos estamos muy cansados, ¿no?
¿Qué marcas de cerveza tiene?
La matriz constaba de cinco filas y siete columnas.
Hoy he hablado con él por teléfono, te manda saludos.
Ahora debes de estar muy ocupado.
Si usted es forzado a firmarlo, el contrato es inválido.
Él trabajó tan duro que lo logró.
Tom consiguió volver a casa antes de que oscureciera.
No puedo explicarme lo ocurrido.
Nadie sabe lo que me costó esto.
Ocurrió tan de repente que no tuvimos tiempo para reaccionar.
Tendré que llamaros más tarde.
De verdad está oscuro aquí dentro.
Me veo y sueno como un adulto, pero dentro de mí, aún soy un niño pequeño y juguetón.
Esas son las reglas.
Eso podría pasar el lunes.
Se quedó cojo después de la caída.
Mary es alta y delgada.
Yo no sabía que fumárais.
El hombre parado allí es el señor Smith.
Odio el chocolate.
Por favor, díganos dónde hay una tienda de comestibles.
Los estadounidenses admiran a Lincoln por su honestidad.
Debes ser fuerte.
Nunca sé qué tiempo usar.
El sol es rey del cielo y la luna es reina de la las estrellas.
Tu exnovio es un imbécil.
Mi abuelo veía fantasmas.
¡Conseguido! ¡Esta es la frase en klingon número cinco mil de Tatoeba!
Nadie tiene permiso de ver a Tom ahora.
¿Por qué no intentamos llamar a Tom?
Estoy obsesionado con esta melodía.
En el cuadro aparecen representados doce símbolos: seis seres humanos y tres animales (toro, caballo y paloma).
Estoy cansado de hablarte acerca de esto.
¿Es la lingüística un tipo de matemáticas o son las matemáticas un tipo de lingüística?
Quítate los zapatos antes de entrar a un templo.
Mi hermana se ducha cada mañana.
El niño ha crecido mucho.
Bueno, ¿sigues tatoebando?
En serio, mantente en contacto.
No te creas la historia del cazador sin haber oído la del león.
Tom dice que no quiere aprender francés.
¿Por qué volar si puedes ir en tren?
Tuve que hacer algunas llamadas telefónicas.
Detrás de la puerta, la riqueza lo esperaba.
Sus esfuerzos dieron frutos.
Hay un parque frente a mi casa.
Es un hombre ocupado, así que la única forma que tienes de contactar con él es por teléfono.
¿No sientes a la casa sacudirse?
¿Te han diagnosticado de un fallo renal alguna vez?
Él es un hombre al que todos respetamos.
Podría llover antes de la noche.
No tengo ganas de caminar tan rápido.
Yanni vive en un país extranjero.
Quien sólo vive para sí, está muerto para los demás.
Durante los últimos diez años, la gente se ha dado cuenta progresivamente de que necesitan cambiar sus hábitos alimenticios.
De todos los ensayos que leí hoy, este se me hizo el más interesante.
No podemos evitar admirar su coraje.
Es bueno volver a verte después de tantos años.
Dígame cuándo se va a ir.
Aunque me haya traído flores, igual no lo perdonaré.
Estudio ingeniería eléctrica.
Por fin llegamos a California.
Me agarré con fuerza a la cuerda para no caer.
Lejos de terminar, la tormenta se volvió mucho más intensa.
No quiero que te rías de mí.
Ustedes compraron muchas joyas.
Así son los perros.
Dos hombres se me acercaron.
¡Penalti!
Ella estará de vuelta en menos de diez minutos.
Déjame cantarte una canción.
Él me pidió que le escriba una carta de amor en árabe.
Tú eres lista, pero yo también.
La desembocadura del río está a unos cinco kilómetros al norte.
Eres afortunado porque lo que nosotros estamos buscando es igualdad y no venganza.
María fue condenada a muerte.
¿Ahora eres feliz?
Quemad el cuerpo.
Te veo el lunes.
No te preocupes, tengo todo fríamente calculado.
El calor me está matando.
Antes, los sacerdotes solían celebrar la misa en latín.
Yo amo a Dios.
Quítate los pantalones vaqueros.
Yanni es increíblemente pesimista.
Su familia está muy bien.
¿Por qué abriste las ventanas?
Tom puede hacer tanto como Mary.
¿Nunca estarás contento?
La vida es ahora.
¿Eres bueno al tenis?
Tenemos que ir a dormir ahora.
La fiesta judía más importante ocurre una vez a la semana.
¿Le cuesta subir las escaleras?
Es peligroso cruzar la calle aquí.
¡No toques a mi hija!
Tengo tres perros; uno es macho y los otros son hembras.
Esta mañana estaba lloviendo cuando tomé el autobús.
Espero estar de vuelta el próximo lunes.
Mary es una chica pelirroja.
Voy a echar de menos a Tom.
¿Bailas conmigo?
Era lo suficiente insensata para creerla.
Te esperaremos Tom y yo.
Mary quería que Tom le ponga bronceador en la espalda.
No comas nieve amarilla.
No he oído nada.
¿Entiendes?
No nos dejes caer en la tentación, y líbranos del mal.
¿Por qué ella no fue allí?
Quítate los zapatos antes de entrar en el templo.
Ahí están, el abuelo y su nieto.
Beethoven estaba sordo en sus últimos años.
¿Cómo será nuestro futuro?
Tomémoslo con calma.
¡No te pongas de espaldas! Te podrías caer .
Tom murió de vejez.
¿Puede decirme qué está pasando?
Ellos no lo saben bien.
Esta es una buena guitarra.
Quiero comer pero soy demasiado vago para calentarme la comida.
¿Sabe lo que significan sus sueños?
Estoy hecho polvo.
Diré lo que pienso.
Yanni probablemente tenga razón.
No hay respuestas fáciles.
El noventa y nueve siempre me hace reír.
Sé que se trata de una pregunta un poco extraña pero la voy a hacer de todos modos.
La frase en sí no está mal, pero un nativo no se expresaría así. Por eso te recomiendo que la formules de la siguiente manera...
No vienes, ¿verdad?
Él tuvo un accidente.
Feliz Pascua.
Mi hijo quiere ser un golfista profesional.
Los niños corrieron hacia el patio de recreo.
Yanni necesita intentarlo otra vez.
Estoy rompiendo contigo.
¡Pero te quiero!
Hay muchas cervecerías en Baviera.
Él me dio todos los detalles.
Ahora se está complicando.
¿Quién todavía se da tiempo para escribirle una larga carta a un amigo?
Usted no debió escribir eso.
Deberíamos de estar allá para mediodía.
Ellos se alegrarán mucho.
Suele nevar aquí.
La cautivadora voz de la sirena atrajo a los marineros a la zona más peligrosa de los acantilados.
Él tiene dos hijos, que todavía no van a la escuela.
¿Cómo decidisteis?
¿Qué nota sacaste en Francés?
No volveré a dejarlos solos.
Conocí a Tom en el invierno de hace tres años.
El tercer nombre en la lista era Tom.
No eres tan rápido como dijiste.
Era obvio que quería besarme.
La taza se partió en mil trozos.
Éste es el reverso de la medalla.
Creo que alguien, y sé muy bien quién, tomó mi dinero.
Él es la viva imagen de su padre.
Hoy Tom ha visto a Mary.
Me has engañado.
¿Te recuerdo realmente a ella?
A pesar de que el inglés es su lengua nativa, Tom no conoce la diferencia entre "perder" y "flojo".
Pronto serán las seis.
Me gusta la música, especialmente la música clásica.
Tuvimos mucha lluvia el año pasado.
Las rubias no son taradas.
Tom es más inteligente que yo.
¿Contrataste una limpiadora?
La enfermera le revisará el brazo en dos días para ver si hay una reacción.
Ella rompió el florero a propósito para molestarme.
Escribió un libro sobre la mujer de sus sueños.
Tom se preguntaba lo que Mary diría a John.
Se acabó.
Quiero ir a patinar.
En una palabra, ¿cómo definirías la tecnología?
Educar una hija es como regar las plantas del vecino.
Me quemé con agua hirviendo.
La colina estaba cubierta de nieve.
Yanni fue a comprobar la puerta.
Es una buena idea estudiar la lengua y cultura del país que vas a visitar.
Déjame llamar a Tom.
Ella le obligó a comer espinacas.
¿Está bien la forma en la que hago esto?
No creo que eso sea posible.
El piloto describió la escena en detalle.
Tom es el único trabajador que podría hacerte eso.
No puedes tenerle miedo a cometer errores cuando aprendes una lengua extranjera.
Al volante se sentaba una chica.
Quiero aprender a hablar español fluido.
Este país es rico en carbón.
Tenemos un mapa.
¿El pico de gallo es una ensalada de frutas?
Una llave es una herramienta habitual.
No me arrepiento de nada.
Las paperas son una enfermedad contagiosa.
Este trabajo no debe tomar más de un par de horas.
Tom no sabe con exactitud cuándo va a llegar Mary a casa.
Yo voy a Kioto.
Hay muchos manzanos en el jardín.
Tom no quiere niños.
Lo buscamos por todas partes.
Tom no leyó ninguno de los mensajes que Mary le envió.
Creo que necesito algo más de tiempo.
"¿Se va a servir un poco más de café?" "No gracias. Ya he bebido suficiente."
¿Cuánto tiempo has estado estreñido?
¿Recuerdas el misterioso asesinato?
El motor no funciona bien.
Yanni no quiere tener a Skura tan cerca de él.
Lo que me dijo Jack sobre ti es un montón de mentiras, no le creo.
Tom está golpeando la puerta principal.
Ahí están, el abuelo y su nieto.
Los exámenes empiezan la semana que viene.
Quiero hablar con Tom.
Enséñame lo que vales.
Necesito un nuevo cinturón.
Empezó a sentir miedo.
Tienes que saber cuándo es el momento de pasar página.
Esta vez no vas a eludir tu castigo.
Hay quien dice que el coronavirus ha sido creado en un laboratorio.
El truco para hacer que mamá acepte dejarte ir a la fiesta es seducirla con una caja de bombones.
Tom estaba determinado a matar a Mary.
No dije que estuviera mal comer.
No lo hice solo. Lo hice junto a Tom.
Quedamos en que no hablaríamos de ese tema.
¡Eres un idiota!
¿Podrías traducir esta frase al francés?
Soy transgénero.
Ven a mi habitación.
Las grandes capturas de calamar son un signo de un terremoto que viene.
Estoy mucho más feliz ahora.
Esa es una oración interesante.
Yanni se dio cuenta de que podía marcar la diferencia.
Necesito saber por qué estás aquí.
Me han dicho que estás buscando una niñera.
"They" es una palabra extraña en inglés.
El volcán retumbó.
Pintaremos la valla mañana.
A partir de ahora podré dormir tranquilamente.
Le pedía a ella que, por favor, parara.
Mis preocupaciones financieras han terminado.
Él es mi hermano, no mi padre.
¿Cuándo fue la última vez que retiraste dinero?
Tom fue andando a la escuela.
Ella se rodea de gente que piensa como ella.
Tom quiere que juegue al fútbol con él.
Esta es la primera vez que ocurre algo así.
¿Es demasiado grande?
Yo puedo nadar rápido.
Todos comieron lo mismo.
Querían que terminara a las 2:30.
Haremos una venta de liquidación la semana que viene.
En 1997, en segundo combate (el primero había ocurrido el año anterior), la supercomputadora Deep Blue, de IBM, derrotó al Gran Maestro Garry Kasparov por 3.5 X 2.5.
El tiempo pasa, y las cosas cambian.
Miré en el armario.
Piensa en la muerte.
Tom vende su apartamento.
No hay conflictos raciales en Argelia.
El señor Robinson no escribió la novela.
Lo podéis poner ahí.
Era tan tímido que caminaba lejos de su sombra porque le daba vergüenza saludarle.
Él conduce un camión.
Prefiero vivir en un mundo lleno de secretos antes que en uno que sea tan pequeño que yo sea capaz de comprenderlo.
Ellos tomarán un vuelo a Praga en unas horas.
¿Los desportes han cambiado algo en tu vida?
Ella bebió una taza de leche.
La gente no dejará de morirse de esto.
Se levantó a las seis y se fue a las siete.
Déjala tranquila ya que está muy triste por la muerte de su gato.
¿Podría tomarse una foto con nosotros?
Ellas tomarán un vuelo a Praga en unas horas.
No seas irresponsable.
Ya dormí esta semana.
Debajo de la aspereza en el trato, mi padre ocultaba su lado más vulnerable, un corazón cándido y generoso.
¿Para qué se usa esto?
Pensé que querías esto.
Tom no anda con mucho efectivo.
Yanni intentó abrir la puerta.
Gente buena puede encontrarse en cualquier parte.
No siempre es fácil compaginar los estudios y el trabajo.
¿Has sentido recientemente palpitaciones o has notado que tu corazón se aceleraba?
Quisiera agradecerte desde el fondo de mi corazón por toda tu ayuda.
Los zorros comen gallinas.
Soy un extranjero.
Tom puede hablar un poco de francés, pero no de manera fluida.
¿Creéis en el Mal de ojo?
A Tom le ha dejado su novia.
Tienen dos hijas.
Estás pidiendo demasiado.
Por favor, recapitulad los puntos más importantes.
Sólo vengo aquí los lunes.
Él también puede hablar ruso.
¡Claro!
Nunca quiero estar sola otra vez.
Olvidémonos de Tom.
Ese alumno despunta mucho.
Yo nunca viajo sin mi diario. Uno debería siempre tener algo sensacional para leer en el tren.
Uno se debería vestir bien.
¿Qué más da? Lo que importa es que sigues aquí.
Nunca te permitiré volver a hacer eso.
Nos abrazamos con fuerza.
¿Soy romántico?
¿Has tenido alguna vez alguna complicación en anteriores embarazos?
Ella tiene demasiados novios.
Esto es una norma.
Entrégale el mensaje en cuanto regrese.
Creo que deberíamos repetirlo.
¿Qué son esos ruidos?
No tenía ni idea de que María era tu esposa.
¿Él tiene novia?
La explotación forestal ilegal ha disminuido considerablemente.
Puedes comprarlo por unos mil yenes.
La labor de los asesores es ayudar al alcalde en la gestión de la ciudad.
Permitidme recapitular lo que se dijo.
¿Dijo Tom que no iba a venir?
Esto que hueles ahora es el aroma de las pesadillas.
Yanni se disculpó.
Yo soy tú.
Hola, mi nombre es John Reindle. Trabajo en la Embajada Americana de Praga.
¿Usted fuma?
Solo soy un estudiante, nada más.
Vende aparatos de radio.
Es abogada.
Espero que todo el mundo sepa lo que esto significa.
Las nubes de humo impiden que los aviones despeguen.
Tú sabes dónde estaré.
¿Tomas digitalis?
Te enseñaré una mejor forma de hacerlo.
El capitalismo es una estafa piramidal.
La cogí de la mano.
Tom es enérgico.
Todos los felicitamos.
Tratá de mirar hacia delante.
–Necesito algo de dinero –dijo Dima con tono avergonzado.
¿Es esta su primera visita a Japón?
Nuestro maestro de inglés es tanto estricto como amable.
Ella nos dijo que no diéramos un ruido.
¿Me estás armando una escena?
Tom se rehusó a firmar con su nombre.
Tom me debe tres mil dólares.
"Mientras que en un país no sean los honestos tan valientes como los deshonestos, en ese país no hay salvación".
No debería decírtelo.
Tom oyó a Mary hablando consigo misma.
Soy prostituta.
Lo disfrutamos.
Te daré todo lo que mereces.
El agricultor estuvo arando su campo todo el día.
Ya no quiero vivir en mi propio país.
Cada vez más gente se está retrasando en el pago de la hipoteca.
No se puede estar en dos lugares a la vez.
Por supuesto, esto es solo el primer paso.
El ternero que acaba de nacer tiene problemas para levantarse.
Tom le susurró algo al oído a María y ella sonrió.
Tom estaba desorientado.
El collar me aprieta mucho el cuello.
La verdad es que no vale la pena.
Sé que somos diferentes.
Mi diccionario de español recomienda no usar la palabra "desgraciado" en Ecuador.
Una enorme multitud esperaba.
Esta es mi amiga Raquel. Fuimos juntos a la escuela.
Muchas gracias por tu invitación, Ricardo.
¿De verdad estoy enferma?
Queremos cuentas separadas.
La belleza artística del jardín es realmente asombrosa.
No conozco a ninguna de las dos muchachas.
El bien más preciado es la libertad; hay que defenderla con fe y con valor.
¿Te sientes afortunado?
Tom es un activista en su comunidad.
Hemos tenido suficiente.
Ella va a la escuela nocturna.
Para empezar, quiero agradecerles a todos ustedes.
A Dan le gusta ver sus frases traducidas.
Tengo un cazasueños en mi cuarto pero no creo que funcione, aunque es muy bonito.
Por favor, tráiganme mi libro cuando vengan.
Hay un extraño en frente de la casa.
¿Por qué le han censurado la cuenta de Twitter?
El auto de Sami fue encontrado abandonado en el desierto.
Los libros son el alimento del espíritu.
¿Dónde consigo caretas para deportes acuáticos?
Tenéis que tener confianza en vosotros mismos.
Tom no pudo encontrar a nadie que lo ayudara.
Los domingos nunca estoy en casa.
Es hora de irte a la cama.
¡Qué puesta de sol más bonita! Rondemos por aquí unos cuantos minutos para verla.
Todo lo que podemos hacer en este momento es rezar por ellos.
John es un buen amigo.
Quiero sentir más y ver menos.
Sea como sea, no te concierne.
Eso no es todo lo que tenía que hacer.
No sé si Tom nadará o no.
¿Vas a comer un poco de torta?
A Tom lo tiene sin cuidado lo que se piensa de él.
Agregala.
Perdí el reloj que me regaló mi padre.
¿Cuándo fue la última vez que diste de mamar a tu bebé?
¿Cuál es el sitio al que más sientes pertenecer?
Yanni duda de sí mismo.
Y la historia cambió para siempre.
Por favor, suban a bordo. El tren está a punto de partir.
Él vacilaba entre la esperanza y la desesperanza.
Tom decidió ir a Boston.
Esperamos que eso ocurra.
Me encantaría visitar Moscú contigo mañana.
Le resulta imposible dejar de fumar.
Mantén una lista de lo que te debo.
¿Cómo llego a la oficina de correos?
¿Te han diagnosticado alguna vez de diabetes?
¿Por qué le diste dinero a Tom?
Él vivía allá por sí solo.
Tom parecía ofendido por lo que dijo Mary.
¿Qué es el cristianismo?
Voy a hacer que lo entiendas.
La gente quiere paz.
El naranja es el mejor color del mundo.
Se le ve feliz.
¿Quién es Emily?
Cuando hizo el examen, puso empeño pero suspendió.
Mi familia la amaba.
Este cuerpo no tiene vida.
En una hora nos pagan.
Yanni trabaja en un Walmart.
Estoy trabajando desde casa.
Extraño a Tom, y creo que él también me echa de menos.
La gente es más consciente de lo que le falta que de lo que posee.
Soy tú.
«¿En qué estás pensando?» «Estoy pensando en ti.»
Yo hablo sueco.
Habló conmigo hace media hora.
¡Mejor, callate!
Nunca más te llevo a pescar.
Por su acento, supongo que ese hombre es escocés.
Yanni suspiró aliviado.
¿Cómo tienes la vista?
Se te olvidó borrar tu nombre.
¿Juegas en un equipo?
Quiero aprender a decir esta palabra en árabe.
La mujer despierta a la niña.
Tom ha estado muy activo últimamente.
¿Tú reciclas?
Lo llamé al teléfono.
Te amaré siempre, no importa lo que pase.
El auto estaba en la mitad del camino.
Me extraña que no te canses de hacer la misma cosa todos los días.
¿Puedo comer esta torta?
Este es el fin.
Se volverá más y más difícil vivir en la villa.
Jugué golf todos los días durante mis vacaciones.
Mi radio se ha roto.
Tom y Maria se disfrazaron de ardillas.
Kim es dos años mayor que él.
Soy profesor de inglés.
Tenemos un buen equipo.
Esta chaqueta tiene botones.
¿Te molesta que las personas de tu entorno se quejen de sus problemas?
Los españoles son gente amigable.
Probablemente fueran ricos.
Sigue sin mí.
Sé que estás trabajando para ella.
Pienso que uno de verdad se hace viejo cuando prefiere mirar hacia atrás en lugar de hacia delante.
De postre siempre tomaba fruta.
Las abejas nos dan miel.
¿Esto es leche?
Mi padre me va a matar.
¿Confías en Tom?
Los gatos odian mojarse.
¿Tiene eso algún sentido?
Seré directo.
Nunca estudiamos juntos.
Estamos de vuelta.
No soy un adicto a las drogas.
Él entró en mi cuarto.
El descubrimiento de América de Colón fue accidental.
Entonces, ¿cuál es el plan?
¿Por qué Tom está enojado conmigo?
Los bereberes son bastante poéticos.
Se burló de nuestra ignorancia.
Mercurio es el planeta más cercano al sol.
Me gustaría saber cómo escribir más frases sobre ajedrez en Toki Pona.
Usted debería ver a un dentista.
El valiente caballero salvó a la bella princesa del malvado dragón.
Quisiera reservar una habitación en un hotel.
¡Ahí viene!
Al final los dos se quedaron dormidos.
Quisiera hacer unas cuantas pruebas más.
Las traducciones rara vez son fieles. Como dicen los italianos, "traduttore, traditore".
¿Por qué no volvemos a buscar más?
Richard Roberts es el autor de numerosos libros.
La oración no tiene errores gramaticales.
¿Cómo de bueno es?
Mi hermana se echó a reír a placer.
Ciudad de México es la ciudad continuamente habitada más antigua de América.
Así no es como funciona.
Tom extendió la mano para coger una golosina.
No creo que esté sola.
¿Cómo sabemos que te podemos confiar?
Ahora se está complicando.
Estoy harto de la telebasura.
¿Qué idioma usás cuando hablás con tus padres?
¡Baila!
No cabe duda que el ladrón fue Tom.
Será así.
¿A qué hora termina la clase?
Desayunaremos a las ocho en punto.
¿Por qué es más fácil diferenciar entre "arriba" y "abajo" que entre "derecha" e "izquierda"?
¿Qué le has comprado?
No es ese el único motivo por el que Tom no debería haber hecho eso.
Vuelve a ponerlo sobre el escritorio.
Son unos cobardes.
¿Qué planes tienes para tus vacaciones de verano?
Tom espera que no le deporten.
¿Es cierto que Tatoeba fue comprado por Google por mil millones de dólares?
Ellos frecuentemente se burlan del jefe.
Puedo hacer eso con una mano atada detrás de mi espalda.
Tom se puso un par de vaqueros.
El reloj da las cuatro.
¿Crees que tus fuentes son fiables?
Me vendimos nuestro coche a Tom.
Tom viene de una pequeña villa en el norte.
Llámame Ishmael.
El nombre de mi hermana es Patricia.
Como siempre había soñado con navegar en un bajel pirata, aceptó la oferta sin dudar.
Nadie te pondrá un dedo encima mientras yo viva.
No eres divertido.
¿Estuvo bueno?
No envidies. Copia.
En Brasil comerás muchas frutas deliciosas.
Mis padres siguen peleando por cosas estúpidas. ¡Es tan fastidioso!
¿Quién tomará responsabilidad por la pérdida?
Tenía sed y quería algo frío para beber.
Las carreras hípicas son crueles e inhumanas.
El televisor dejará de ser el miembro más importante de la familia.
No sé qué haría si te pasara algo.
Tom nunca pensó que Mary sería capaz de graduarse en la universidad.
¿Dónde Tom se ha estado escondiendo?
Tom está volviendo a tomar antipsicóticos.
No dormí bien.
¿Estás ocultándome algo?
La gente se cree lo que ve.
¿Alguna vez te has bañado con la ropa puesta?
Aún no sé a quién debería elegir.
¿Dónde compró Nabila una cobaya?
Esta caja está llena de manzanas.
De niño, se burlaban de mí llamándome "cuatro ojos".
Ella empeñó su oro.
Me quemé con el sol.
¿Estáis orgullosas de vuestro padre?
Estás tapando a tu bebé.
¿Tienes un pañuelo?
A Yanni nunca le gustó ese trabajo.
Hizo unas preguntas pertinentes.
La impresora de la oficina de Peter está rota y ya no imprime.
Ya está durmiendo.
Si muero, quiero morir virgen.
Mi esposa quería adoptar un niño.
Podéis verlos riendo y bailando por la noche.
Los ladrones se robaron todo el dinero en la caja fuerte.
A mi hermana le encanta la música.
Sabes que estoy en lo correcto.
Tom no tenía para qué haber pintado la cerca. Ellos la echaron abajo una semana después de que la pintara.
Él fue un líder forzado.
Mary habla mucho.
A mis amigos les gusta el helado de chocolate.
Aquel libro es nuevo.
Escuchad y aprended algo.
¿Dónde nos vemos?
Eso no es plata.
Eres libre de vivir tu vida de la manera que quieras.
Ninguno de ellos confesaría su culpabilidad.
La competencia lingüística es innata, no adquirida.
Éramos bastante imprudentes.
Se necesita creatividad para hacer cosas nuevas.
A ellos les gusta mucho el fútbol.
Mi francés está un poco oxidado.
Me aburriría si tuviera que contar hasta quinientos veinticuatro mil trescientos setenta y dos.
Mi tía me trajo flores.
Sé que no podéis verlo.
En el francés abundan las referencias a los corrales.
Por favor, deja de hacer zapping.
Vos sos estudiante.
¿Cómo se puede saber si alguien te ama?
¿Cuánto tiempo al día pasas afeitándote?
No quiero sus casas.
¿Todos tienen papel?
¿Cuánto dinero crees que gana Tom?
Tengo que volver a casa antes de la medianoche.
La predicción de Tom fue cierta.
Esperar no sirve de nada.
Él recibió en una ocasión una medalla de oro.
Ahora somos amigos, así que aguántate.
Tenéis que saber cuándo es el momento de pasar página.
¿Estás casado?
La escuela empieza a las nueve y acaba a las seis.
¿Crees tú en la vida eterna tras la muerte?
Tom se está mudando a un sitio nuevo.
La mayoría de las serpientes de esta isla son inofensivas.
Conocen la frase, cosechamos lo que sembramos. He sembrado el viento y aquí está mi tempestad.
En Tatoeba hay un excelente maestro de Toki Pona llamado Tepan.
Demasiado ejercicio hace más daño que bien.
Tengo miedo a los dentistas.
Aún no sé lo que se necesita hacer.
Por favor, no alimente a los animales.
Es bueno tenerte en casa.
Mary es una virtuosa.
Como comida japonesa.
Ella vertió agua hirviendo en la taza.
A medida que uno envejece, el sueño se vuelve más liviano.
Te has acostumbrado demasiado a mí.
Yo le debo mi éxito a su ayuda.
Evitó responder a mis preguntas.
Ella guarda sus ahorros en el banco por seguridad.
Aquéllos son mis libros.
¿Cómo comen sardinas los delfines si ni siquiera pueden abrir la lata?
Desde lo alto, el águila se lanza hacia su presa, la captura con sus garras y vuela de regreso al cielo.
Yo le corregí hasta los detalles más finos.
Si la vacuna contra la COVID-19 estuviera disponible, ¿te gustaría que te la pusieran?
No le gusta nadar.
¿Fue fabricado en Suiza?
No quiero beber nada hoy.
Eso no es importante para Tom.
Juan no sabía lo que le venía encima.
Nosotros oímos a los ratones chillando.
Podrías lograr algunas cosas increíbles si te lo propones.
La bahía bioluminiscente fue lo mejor de nuestro viaje.
Tuve un sueño agradable la pasada noche.
En Japón supuestamente hay gente que tiene pingüinos como mascotas.
Nos estamos acercando a Estambul.
¿Qué hay ahí?
¿Qué es un sustantivo español con seis letras que rima con 'izquierda'?
¡Traé pizza y cerveza!
Mira el plano: está al lado de la biblioteca.
¿Puede acercarse hacia mí?
A mí, para serte franca, me parecía feísimo lo que esos chicos estaban escuchando, pero a ellos les parecía hermoso.
Su padre es alto.
¿Sabes lo que me vuelve loco?
Tom abrió la boca para decir algo pero Mary lo interrumpió.
Desde que estoy aquí, se me ha ensuciado toda la ropa.
¿Es nuestro?
Me gusta el color amarillo.
Me siento claustrofóbica.
¿Qué haces cuando no tienes tiempo para almorzar?
Soy tan alto como Tom.
Sé que tengo razón.
Tom tenía miedo de entrar a la cueva.
No quiero ser abogado.
Es hora de irte a la cama.
Esta frase está escrita en alemán.
Es un gran placer nadar en el mar.
Hay un pájaro aquí.
No compraré este suéter.
El auditorio aplaudió en señal de aprobación.
Todavía no se ha tomado ninguna decisión.
Puedes sustituir el mascarpone por nata.
Grita y llora cuanto quieras, ya que nadie te puede escuchar aquí.
Espero que Tom me deje hacer lo que quiero.
Creo que Tom no está siendo honesto.
No es la primera vez que lo hacemos.
Tom no podía ver lo que hacía Mary.
Mary vaga de un sitio a otro.
María se levantó más temprano en la mañana para prepararle una tarta a Tom.
Tom se quedó conmocionado cuando vio a Mary besar a John.
El francés es difícil, ¿no crees?
Le pudo pasar a cualquiera.
Ni siquiera puedo beber agua.
Él sabe hablar diez lenguas.
El cáncer puede ser curado si es descubierto a tiempo.
Tuve cuidado de no decir nada que le enfadara.
Este está vacío.
¿Puedo encontrar aquí alguien que hable inglés?
¿Tienes tu carné de estudiante?
La hija pequeña de Tom es su favorita.
Tom no ha hecho todavía lo que le pedimos.
Él es mi compañero de clase.
Su voz evoca el sonido de la carretera.
Tom nunca ha tenido su propia bicicleta.
No dejes para mañana lo que puedes hacer hoy.
Por favor, venid aquí.
¡Hay un pelo en mi bocadillo!
¿Por qué necesitas todo esto?
Yo corro velozmente.
María se ve estupenda para su edad.
Jack no está aquí.
Eso no suena saludable.
¿Por qué estás levantada?
Solo sé su nombre, eso es todo.
Entonces, ¿por qué te ríes?
No confiamos en el gobierno.
Todo lo que vemos nos influye de alguna manera.
Eso son muchas traducciones.
El señor Schmidt fue quien me enseñó a usar esa máquina.
Salvo yo, nadie tenía hambre.
¿Eres sexualmente activo?
Digamos que no me pilló de sorpresa.
Hice algunas correcciones.
El reloj estaba garantizado.
No quiero sacar conclusiones precipitadas.
Dale un cacho de carne al perro.
Está botado.
Es un chico listo.
Tom tiene el rango de capitán.
¿Dónde compró Nayla un burrito?
¿Y si soy pobre?
Él es quien propuso eso.
Quiero a esa chica como si fuera mi hermana y haré lo posible para evitar entristecerla.
El sitio empezó a parecerse a un pueblo fantasma.
¿Estás aquí solo?
Habrá comida suficiente para todos.
Ella era tan hermosa que el hijo del mercader no pudo evitar arrodillarse para besarle la mano.
Tom todavía tiene mucho que aprender.
Empezaron a ponerse nerviosas.
Mi teclado está sucio.
Los dos niños empezaron a culparse el uno al otro.
Tom identificó al autor.
Más vale tarde que nunca.
No está dentro de mis normas besar en la primera cita.
Tom es un egoísta.
No hay gente perfecta.
Esa es la bandera indonesia, no la bandera polaca.
Este plato es redondo.
Esa no es la historia completa.
No me atrevo a contarle las malas noticias.
Al fin el gobierno escucha al pueblo.
Ella solía disfrutar estar con él.
No la amo.
Este es el mejor ramen que he probado.
Ella se dislocó el brazo.
Estaba seguro de que no te iba a gustar.
El jardinero sembró un rosal en medio del jardín.
Su padre es un impostor.
La mantequilla es blanda.
Nuestra escuela técnica tiene su propio grupo.
Yanni resultó estar loco.
Para mí es como nuestro hijo.
¿Por qué Yanni se está volviendo loco por esto?
Ella me chivateó a su maestra.
Parece que a todo el mundo le gusta ser generoso con sus invitados al darles la bienvenida a sus casas.
El niño se parece a su padre.
No me gustan los cielos grises.
La piscina está llena de agua limpia.
En Escocia puede hacer bastante calor en septiembre.
Es menos impaciente que su padre.
¿Desde cuándo tiene los cachetes hinchados?
Sos un langa.
El loro de Tom dice groserías en francés.
Tom ya no necesitará eso.
No dupliques oraciones.
¿La comida rápida está provocando una epidemia de obesidad? Más sobre eso después de este comercial de McDonald's.
Yanni fue muy específico.
Es muy trabajador.
No ganamos.
Estoy seguro de que estás equivocado.
Besarla fue un momento mágico e inolvidable.
"La Vía Láctea es un río de estrellas que no titilan, porque no hay aire", dijo Drew, y la Tierra parece una "pelota de playa azul" con cadenas montañosas y continentes volando a gran velocidad.
Alex parecía aprender sustantivos tales como "papel", "llave" y "corcho", y colores tales como "rojo", "verde" y "amarillo".
Los dormitorios están arriba y la sala de estar está abajo.
Ella me dejó esperando media hora.
Estoy escribiendo un libro en Toki Pona que ya contiene 7700 oraciones, pero aún está en revisión.
Un mundo mejor para las mujeres es un mundo mejor para todos.
Las paredes de la casa son de color amarillo pálido. Las contraventanas son color óxido.
Parece como si estuvieran intentando no reírse.
Mira lo que te trajo Tom.
Se me ha metido una pestaña en el ojo y me está fastidiando.
¿Qué marca prefieres?
Adoptá mis frases no nativas para mejorarlas.
La gente sigue estando sin hogar.
Seguimos el curso del río.
¿Dijo Tom cómo de temprano podría salir Mary?
No hablo esperanto.
Puedes ganar todas las batallas, pero perder la guerra.
Tu plan ha fracasado.
Él lamentó no haber seguido mi consejo.
Tom advirtió a Mary de que no saliera sola después de anochecer.
Ella lo ahorcó.
Negras tormentas agitan los aires.
Vienen en formas diversas.
¡No corran!
Quiero un perro como el tuyo.
Ellos abandonaron su patria.
Él le aconsejó dejar de beber.
Ahora no queremos.
Mi hermana fue a Italia a estudiar música.
María le pidió al hada que Tom se convirtiera en una ardilla.
Mi chino no es muy bueno.
¿Cuándo comenzará la clase de japonés?
Los astros se empeñan de alumbrar a las mentes ávidas, siendo guía en la oscuridad.
Díganme lo que quieren hacer.
Él ganó dinero vendiendo periódicos.
Yo no tengo nada que ver con el asunto.
¿Qué clase de cosas te enfadan de verdad?
Maria está en la catedral.
Hay dos personajes principales en esta historia.
Tom y yo hablamos igual de mal inglés, por eso nos entendemos tan bien.
Era difícil convencerle para que cambiase de opinión.
Tom estaba desilusionado.
Fue un sueño hecho realidad.
Él aceptó mi regalo.
El Papa Francisco habló de la necesidad de ser generosos, solidarios y serviciales, especialmente con aquellos que son vulnerables, los enfermos, los desempleados o que experimentan dificultades debido a los efectos económicos de la pandemia y las mujeres que sufrieron violencia doméstica durante estos meses de encierro.
A todo el mundo le gusta la nieve.
Sus poemas son difíciles de entender.
Me arrepiento de lo que hice.
Simplemente no es justo.
Aún estamos juntos.
Lo siento. Nunca tuve la intención de lastimarte.
Puede que sea francesa.
La educación es un elemento crítico.
Nuestros esfuerzos no nos han llevado a nada.
¡Qué desagradable sorpresa!
Ella pretende jugar tenis con su padre esta tarde.
Nubes oscuras nos impiden ver.
No soy nada más que un pobre huaso.
¡Déjeme ir!
Yanni te está salvando la vida.
¿Puedo ayudarte a estudiar para tu examen?
Tom cree en Dios.
Esto lleva su tiempo.
¿Cómo está tu papá?
Ella se sentó y tomó los remos.
A todo el mundo le gusta la nieve.
La nueva novia de Tom es una vegetariana.
¿Existe la posibilidad de que esté embarazada?
Esa es la fotografía de mi hermana menor.
El gato salta encima de la mesa.
Yanni va a hablar sobre eso.
En la Unión Europea está prohibido amputarle las garras a los gatos.
Les dije que no se movieran.
El lobo es un animal precioso que merece ser protegido, pero los ganaderos no quieren que se coma su ganado y tienen que matarlo...
¿Por qué no nos reunimos delante de la biblioteca?
"¿Por dónde queda la biblioteca?" "Por allá."
Siempre es bueno.
No fumes aquí.
Los dialectos del español se caracterizan, entre otras cosas, por si sesean o no.
Tom y yo hablábamos de todo, pero ahora solo quiere hablar de Linux y del software libre y de código abierto.
Me tranquilicé al averiguar que la operación había sido exitosa.
Para que sepan, solo somos amigos.
Tom dijo que quería mudarse a Boston porque era donde vivía Mary.
¿Estás consciente de que no le gustas a Tom?
No dudé de ti ni por un segundo.
He sufrido demasiadas decepciones.
Id pues, y haced discípulos de todas las naciones, bautizándolos en el nombre del Padre y del Hijo y del Espíritu Santo.
No se llega muy lejos engañando.
Un nativo ha corregido mis errores.
La última vez que he visto a Tom fue hace tres semanas.
Él pintó un perro.
Las clases empiezan el lunes.
Yanni carece de confianza.
¿Crees en mí?
Quizá este mundo sea el infierno de otro planeta.
Por favor, mantened todas las ventanas y puertas abiertas durante el examen.
Tom parecía ofendido por lo que Mary dijo sobre el perro de él.
Son mis pacientes.
Tom ya no necesita nuestra ayuda.
Tom está tomando cursos en línea.
En este programa el concursante no puede contestar.
No puedo explicar todo ahora.
Es más fácil no empezar que dejarlo.
¿A quién se le va a ocurrir un nombre tan ridículo?
No encuentro dónde parquear mi nave espacial.
Pasé el fin de semana leyendo una larga novela.
Utiliza esto si estás en peligro.
Creo que mi alemán está como mierda.
Por favor, contácteme por correo.
Mamá, ¿Por qué no limpia papá su estudio?
Kublai Khan es el nieto de Genghis Khan.
Creo que él tiene un maní.
Va a la escuela caminando.
Epstein no se suicidó.
No es inteligente.
Escribí este libro.
El discurso del político fue ofensivo.
Ellas nunca van de paseo.
¿Quién es ese hombre?
¿Le importaría repartir esto?
La sociedad siempre está cambiando.
Me bajaré en la última estación.
Tienes las manos aguadas.
Las flores en el jardín son maravillosas.
Tom volvió como si nada hubiera pasado.
Nunca me dices nada.
¡Espero que tu día haya sido grandioso!
Después de que Tom plantara a Mary, ésta comenzó a verse con John.
Deberías tener más cuidado en un cruce.
No hace nada más que ver todo el día la televisión.
Estamos bebiendo leche.
Estos estantes no aguantan tantos libros.
Mary tiene un ojo hinchado: un mosquito le picó en el párpado mientras dormía.
Disfrutamos del picnic.
Ella lo interrumpió mientras hablaba con mi padre.
Me llevé una gran decepción cuando me enteré de que no había aprobado el examen.
Pasé la noche del domingo aprendiéndome las palabras nuevas de la lección del lunes.
Las cosas van bien.
El francés es rico en sinónimos.
Tom recordó algo.
Ella no vino por alguna razón en particular.
¿Tienes algún hematoma o sangrado inexplicable?
Yanni está enviando mensajes de texto a alguna otra persona.
Berlusconi es un pedazo de mierda.
No me hagas enojar.
Es de parte mía.
Golondrinas vuelan por el cielo.
Yanni también va a hablar sobre eso.
Es un doble revés.
El artículo de Yanni se tradujo al bereber.
No veo la necesidad de ocultar quiénes somos.
Ellos tomaron la decisión correcta.
¡Mirad lo que habéis hecho!
Lo hemos consegido.
A muchos niños no les gusta la escuela.
¿La viste caer?
En ese asombroso "zugzwang", el jugador tenía todas sus piezas y peones en el tablero y no estaba bajo ninguna amenaza directa, sino que solo tenía disponibles movimientos suicidas, lo que lo llevó a perder la partida.
Es difícil que un saco vacío se mantenga erguido.
Quiero estudiar inglés.
Lo siento, no tengo agua.
Estaba tan cansada que no podía dormir.
Iré a la tienda y compraré una naranja.
¡Que Dios te oiga!
"Soy demasiado grande para jugar con bichos," dijo el muchacho.
Dile a Tom que no es mi culpa.
Si me lo permites, estoy intentando comer.
Mi madre se opuso a que yo fuera a Medio Oriente.
Se casaron en la playa.
No tenemos más tiempo.
Dejó un gran legado a la Fundación Mozilla.
Yanni odia derramar aceite en el suelo.
Aoi baila bien.
La sal que agregué a la pasta era rosada.
Traduce esto.
Necesitas un abogado.
Obviamente soy una gata.
¿Qué hay en esta caja?
En la ley, un hombre es culpable cuando viola los derechos de otros. En la ética, es culpable solo piensa en hacerlo.
Tom todavía no ha desempacado.
Bu Xiangzhi es uno de los Grandes Maestros chinos más talentosos.
Yanni culpó a Skura.
Hay tantas cosas que quiero hacer.
Este verano es más frío de lo normal.
Ella se acercó a él y le preguntó cómo se llamaba.
Tráemelo.
¿Cuál era tu película de dibujos animados favorita de pequeño?
¿Por qué eres como eres?
Espero que no vayas a salir ahora. Ya casi son las 11.
Un helado de mango, por favor.
Ganamos mucho dinero vendiendo pasteles en la escuela.
La habitación está limpia y es cómoda.
El hombre se imagina que ve a una niña joven.
Hoy no he comido.
Sus notas mejoraron significativamente.
Sé que cometí muchos errores, pero espero que te guste.
Aunque hubieras estudiado mucho no habrías aprobado el examen. Era demasiado difícil.
Pásala bien.
Puede que hayas confundido a Jane con su hermana.
Tengo unas cosas que quiero hacer ahora mismo.
Sé que no puedes ver a Tom.
Mi madre tiene cinco años más que mi padre.
¿Quién crees que va ahí?
Nadie se detuvo para ver si Tom estaba bien.
"Azul" significa "hola" en bereber.
¿Quién me ha visto?
Tenéis mucho que aprender.
¿Por qué me lo agradeces?
¿Qué onda con ese bato?
¿Qué hay para beber?
Quien quiera puede inscribirse.
Él estaba casado con su hermana.
Pasamos tiempo en las redes sociales porque nuestro cerebro necesita estímulos.
Es demasiado tarde, ya tengo que acostarme.
Necesitamos que alguien haga algo.
Esta ropa no me queda bien.
Esperamos que vuelva pronto.
Yo no veo nada desde mi pieza porque siempre tengo las cortinas cerradas.
La vida es cara.
Me gustaría escribir cientos de frases en Tatoeba, pero tengo otras cosas que hacer.
Ese vestido te sienta bien.
Viswanathan (Vishy) Anand (Chennai, 11 de diciembre de 1969) es un Gran Maestro indio. Fue nombrado "deportista indio del milenio" y consiguió que 11 millones de niños en su estado, Tamil Nadhu, estudiaran ajedrez en la escuela.
Son mis compañeros de salón.
Los avestruces son las aves más grandes del mundo.
Le dimos una paliza al hombre.
No sé si Tom está vivo o muerto.
Visité a Nara.
¿Me puedes enseñar algunas palabras en francés?
Es una mentira.
Permíteme recapitular lo que se dijo.
La vida se me escapa en cada aliento.
¿Ya te juntaste con él?
No debería haberte contado nada.
Yanni tiene baja autoestima.
¿Estabas tratando de engañarme?
Compré mi primer carro en 1998.
Tú comes más que yo.
Su madre es americana.
Sé que a usted le gusta el chocolate.
¡Admirad qué bueno y qué agradable es para los hermanos vivir juntos en unidad!
Todos tienen los brazos, las piernas, y las cabezaz, ellos caminan y hablan, pero ahora hay ALGO que intenta hacerlos diferentes.
¿Has encontrado tus lentes de contacto?
¿Fuiste de acampada el fin de semana pasado?
Estoy convencidísimo de que Tom no hará eso.
Yanni esperó hasta el último minuto.
Es feliz.
Necesito ayuda para resolver este problema.
No cuentes con su ayuda.
Tom es muy devoto.
La menopausia es la cesación definitiva de las funciones primarias de los ovarios.
Estarás allí de nuevo pronto.
¡Por favor cerrad la ventana!
Esta es la primera vez que oigo hablar de este sitio web.
Francamente, creo que Tom es un buen jefe.
Ella se maquilla en público.
"¡Diablos! Dejé mi paraguas en el tren." "¡Pelotudo!"
¿Por qué quieres volver a Cabilia?
Me alegra oír que sabes cómo la llaman.
Debes hablar con él sobre el asunto.
Llevamos seis años enteros viviendo en Tokio.
Tu problema es que te das por vencido muy fácilmente.
Tengo un billete de ida y vuelta a Boston.
Lo mires como lo mires es tu hermano mayor.
Los trenes se detuvieron debido a la lluvia torrencial.
Deberías llegar al colegio antes de las ocho.
El granjero nos trae leche fresca todas las mañanas.
También hay un parque ahí.
Tenéis que ser más cuidadosos.
Hoy hizo calor.
Se cree que existen fantasmas en este bosque.
Los gustos musicales de Tom son parecidos a los míos.
¡Estoy a punto de llorar!
Tom le dijo a Mary que era gorda y fea.
¿Estás preparada para mañana?
El combate duró una semana.
Vístete rápido y sígueme.
Él promete no beber más.
Tom no se quitó el reloj.
Yanni es demasiado agresivo.
Francia queda en Europa Occidental.
No lleves demasiado equipaje cuando viajes.
No puedo acordarme cuándo se mudó él a Boston.
Las percusiones le dan un buen toque a la melodía.
¿Crees que algunos de nosotros viviremos en Marte en cien años?
Yanni necesita abrir la puerta.
Estoy babeando como un perro.
Escuché un estruendo del cielo y tuve miedo. ¿Hay un hombre muy poderoso ahí arriba?
Me encantaban las paletas cuando era niño.
Vi a John y a Mary andando agarrados de las manos.
Esta noticia es falsa y engañosa.
Soy bisexual, no gay.
Él tuvo un accidente.
La mujer está trabajando.
Me lastimé.
La experiencia fue demasiado intensa para mí.
Mary siempre me cree.
Él es muy bocón.
Lo peor del invierno es la nieve.
Queremos ayudarte con eso.
¡Sálvese quien pueda!
Vi un lobo, un zorro, y un conejo.
«¿Me lo prometes?» «Sí, te lo prometo.»
No sería capaz de responder algo así.
Por favor, hágalo.
Dame mi dinero, Yanni.
¿Alguien puede abrir la puerta, por favor?
Siento haberte llamado fuera de tu complicada agenda.
En 1609, Galileo supo del catalejo, un instrumento que hacía que los objetos distantes se vieran más cerca. Galileo utilizó su conocimiento matemático y pericia técnica para mejorar el catalejo y construir un telescopio.
Te detuviste.
Ya no necesitamos esto.
A Tom en realidad no le gustaba estudiar francés.
Ella tuvo la amabilidad de prestarme una gran cantidad de dinero.
Aquel muchacho tiene un serio problema de caspa.
De verdad, deberías salir fuera y tomar un poco el aire.
Lo siento, no tengo tiempo.
¿Me da una factura?
Nos volveremos a ver.
Tú pareces tener algo más en tu mente.
Bueno, ¿qué estás cantando?
Lo vi entrar en el cuarto.
Me pregunto si debería estar orgulloso de que las primeras cinco páginas de resultados de la búsqueda de mi nombre en internet no hablen de mí... o si debería estar avergonzado.
¡Lávate los dientes!
Él comenzó a ser un problema.
Hola, soy yo, ¡Nancy!
¡Tienes que estar bromeando!
Me gustaría vivir cerca de la playa.
Soy bueno para el tenis.
Quizá sea porque la luna no es lo suficientemente brillante.
No duplique oraciones.
Justo a tiempo.
De momento está viviendo en un departamento.
Le gustaría probar tu nueva bicicleta.
Esa cañería gotea.
Tom no está celebrando, ¿verdad?
Miren al tomate. ¿No es triste? Él no puede bailar, pobre tomate.
Voy a donde brilla el sol.
Terminé de comer.
Desafortunadamente, ella está ausente.
A Mary le gusta Japón, ¿verdad?
Entiendo que estés asustado.
Me voy de vacaciones por dos meses.
Creo que deberíamos volver a intentarlo.
"¿Cuándo es la próxima junta?" "No sé, pero espero que no sea el lunes que viene."
Simplemente ignora lo que dijo Tomás.
¿Ustedes tienen una tienda de regalos aquí?
¿Cuándo vas a dejar de golpear a tu mujer?
Tom estaba sufriendo.
¡Ya párale!
Él es un gran cretino sinvergüenza.
Amo la naturaleza.
Son las seis.
¿Hay algún cine cerca de aquí?
Los zapatos de cuero cuestan mucho más.
No creo que vaya con vosotras.
Me acabo de encontrar a tu padre.
¡No me abandones!
Su interpretación en el piano sonó fantástico.
Estas corbatas son muy caras.
Aquí nadie cree ya a Tom.
Nunca me pasa a mí.
Yo no soy de la India.
¿Cuánto tiempo te queda?
Nos prestas un gran servicio.
Tom estaba mintiendo.
¡Tatoeba me está insultando!
¡Me gustas mucho!
Sabes dónde encontrarme.
Los separatistas protestan contra todo.
Por favor, mantén todas las ventanas y puertas abiertas durante el examen.
¿Qué harás con el dinero? Preguntó el policía.
El libro es tuyo.
Yanni habla demasiado.
¿Estabas en mi cuarto?
Es muy difícil complacerla.
Necesitas desayunar.
Uh, quería enviar una respuesta pero no me dejaba.
El hecho de que esta frase sea traducible es increíble.
¿Por qué hiciste eso?" "Porque me dio la gana."
¿Cuántos pisos tiene ese edificio?
Ella ha cambiado.
Hoy he visto una estrella.
Los expertos dicen que los confinamientos por coronavirus en cualquier parte del mundo pueden provocar estrés, irritabilidad, temor y fatiga.
Ella ha conseguido sus metas.
¿Cuál es el salario de un diputado argelino?
¿Estás segura de que quieres?
Hablo bajo sorabo.
¿Cuántos kanji hay?
El centro comercial está desierto.
Somos de Canadá.
Llevo viviendo en Boston cerca de tres años.
Cuando escucho un trueno, me asusto mucho.
Mi tía llevó una vida feliz.
Voy a decirte algo.
Así es como era.
¿Me puedes enviar una captura de pantalla?
Mi novio se rehúsa a usar el microondas.
¿Qué tal tu familia?
Deberías seguir esta regla.
Este es el avión de él.
Esa fue la última vez que vi a Tom.
¿Tienes predisposición a la obesidad?
Es difícil hablar con él.
Tom es un espíritu malvado.
Son grandes.
Como tofu.
Es una estafa, Yanni.
Estabais escuchando a escondidas.
No puedo saltar al mar. No sé nadar.
Él alzó los ojos al cielo.
Sospechamos de envenenamiento.
Tengo tantas cosas para decirte que no sé por dónde empezar.
Tom quiere ser como su padre.
Aprendemos a leer y a escribir.
¿Quién escribió esta carta?
La ballena azul es el animal más grande del mundo.
Es una persona sincera.
No vuelvas a usar mi ordenador.
Lo forzaron a decir la verdad.
Los argelinos no tienen otra opción.
Dos boletos a San Diego, por favor.
Ten en cuenta que vamos a necesitar provisiones.
Recuerda limpiar tu puesto de trabajo.
Sé que Tom no me gusta, pero no me importa.
¿Quién es tu panelista favorito en CNN?
Tienes que estar preparado.
Tom jamás podrá perdonar a Mary por haberlo engañado.
El Medio Oriente es la cuna de la civilización.
A veces me cuesta hablar francés.
¿Te sientes amenazado por los semáforos?
Él dijo que tenía hambre, y que quería ir a casa a cenar.
Nosotros la ayudamos.
Dame alguna explicación al respecto.
Yo no sé quién es mi madre.
Tom se empezó a preocupar acerca de cómo iba a pagar la educación de su hijo.
Tom no tenía las botas puestas.
Es un demagogo intransigente y terco.
¿Te haces autoexploraciones de mamas con regularidad?
Tom fue lo suficientemente afortunado para encontrar un buen empleo.
Puede echar el vino en el vaso.
Los humanos se comunican entre ellos a través del lenguaje.
¿Tienes una tirita?
Mi transición de hombre a mujer está yendo bien.
¿En qué estación estamos?
No morirás de viejo.
Confirma tu correo electrónico, por favor.
A él le gusta viajar solo.
Tom no hará eso conmigo.
