Mi padre ocupa bien su tiempo.
Deberías haber besado a Tom.
A Tom no le gustaba enseñar francés.
No hay día que no merezca la pena ser vivido.
Quiero un libro en sueco.
Nunca bebe alcohol.
Tom ha estado montando caballos toda su vida.
¡Hola a todos!
Siquiera te saludó con la mano. A mí ni me miró.
¿Has tenido alguna vez dolores torácicos?
Argelia no es como Venezuela.
Quiero alquilar la habitación a un estudiante.
Presta más atención a tu trabajo.
Sé que no puedes verlo.
Yanni no debería de centrarse en eso.
Dé ejemplos.
Creo que somos un buen equipo.
No puedo creer que esto esté pasando. ¡Por favor dígame que es mentira!
Tom está marcando un número.
Hoy hace más calor que ayer.
Me desperté cansado.
Yanni se está saboteando.
El promedio de 7,10 y 16 es 11.
¿Qué tan pequeño es?
Alguien estaba intentando irrumpir.
Tom irá allí mañana.
Tenemos un televisor de tubo en la oficina.
A Mary le gustan los muebles modernos de mediados de siglo.
Tienes un montón de tiempo.
Te pareces exactamente a tu madre.
Cuando como comida china, siempre me levanto con hambre el próximo día.
Estoy aprendiendo un poco de inglés.
¿Cuál es la mejor manera de evitar que tus hijos se vuelvan ateos?
Quedan dos meses para el cumpleaños de Lisa.
Esto es debido a que el inglés es un idioma global.
El orgullo de Tom no le permite hacer preguntas.
¿Cuándo fue la última vez que lloraste y por qué?
Cuando él vino, yo estaba haciendo la tarea.
Una vez un hombre vino a la casa a matar a mi padre.
Tom es un principiante.
Quiero dormir un montón.
Doy por descontado que aprobará el examen.
La visita al circo fue muy emocionante para los niños.
Comprendo el porqué.
¿Qué hace un pez? Nada.
Su debut fue el evento social más grande de la temporada.
El teléfono sonó repetidamente.
¿Qué hay de malo en la manera en que hago esto?
Su historia no puede ser cierta.
Yanni se estaba aguantando las ganas de orinar.
¿Eso es nuestro?
Será mejor que te calles.
¿Está Tom en casa?
Tom no entiende cómo funciona un ordenador.
Estamos celebrando nuestro aniversario.
Por favor, dame una última oportunidad.
¿Has ido al extranjero?
Era la primera vez que Tom vivía solo.
Las escribieron.
¿Por qué trataste de escapar?
Si se agacha un poco, se puede ver cómo aparece y desaparece de la vista la bandera de señalización.
Tom realmente no vive dentro de los límites de la ciudad de Boston.
Tom es un fundamentalista.
El juicio de Tom podría durar una semana.
Es trabajo sucio, pero alguien tiene que hacerlo.
Lo hizo para su hermana.
¡Es agradable conocerte!
¿También tengo que ir yo?
¿Qué es lo primero que haces al despertar?
Para cuando encuentren el cadáver, yo ya estaré muy lejos.
Ella tiene mucha paciencia conmigo.
¿Cuál es el porcentaje de mercado extranjero para tus productos?
¿Quieres decir que nunca has visto un panda?
Mucha gente te va a decir que no debiste haber hecho eso.
¡Él podría hacerlo!
Si no hay agua, no hay barranco.
Nunca he probado esto.
Mennad es profesor.
No volveré a dejarte solo.
¿Eso es todo lo que compraste?
Yanni quiere más éxito.
¿Ya es invierno?
Es una de mis mejores amigas.
Tú eres mi ángel.
¿Cuál es el apellido de Tomás?
Tom dejó a Mary.
Dame crema dental para comer.
No todo se puede comprar con dinero.
Tenés que trabajar.
¿Puedes leer mapas?
Esta tarea es la guinda de mi pastel.
Es rico, ¡no necesita dinero!
El ruso es difícil de aprender.
Disculpe, tengo una petición.
Tom es un feligrés habitual.
Es mejor no usar lejía si no la necesitas.
Levanta las piernas.
Los argelinos suelen comer cuscús los viernes.
Cuando mi padre se marchó de la habitación, ¡mi hermana me hizo un gesto grosero levantando el dedo medio!
No me importa tu pasado.
